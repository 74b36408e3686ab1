using System.Globalization;
using System.Reflection;
using Google.Protobuf;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace BudgetBot.Otlp;

// OTLP/HTTP protobuf answers as typed results, so the OTLP handlers return Results<...> unions like
// the /api routes and /openapi/v1.json lists their protobuf answers next to the JSON ones.
// ProtobufResult<T> is the Export*ServiceResponse of an export that was read (200). They declare
// ProtobufResponse metadata rather than ProducesResponseTypeMetadata: API Explorer keeps one type per
// status code, and the JSON answer and problem details already hold 200 and 400.
internal sealed class ProtobufResult<T>(T message) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
    where T : IMessage<T>
{
    public T Value => message;

    object? IValueHttpResult.Value => message;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status200OK;

    string IContentTypeHttpResult.ContentType => ProtobufStatus.MediaType;

    public Task ExecuteAsync(HttpContext context) => ProtobufStatus.WriteAsync(context, StatusCodes.Status200OK, message.ToByteArray());

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProtobufResponse(StatusCodes.Status200OK, typeof(T)));
    }
}

// google.rpc.Status { code, message }, OTLP's protobuf answer to an export that cannot be read (400)
// or comes in an encoding BudgetBot does not take (415). Its two properties are the message's fields,
// which is what the document describes.
internal sealed class ProtobufStatus(int statusCode, string message) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string MediaType = "application/x-protobuf";

    public int Code => RpcStatus.InvalidArgument;

    public string Message => message;

    int? IStatusCodeHttpResult.StatusCode => statusCode;

    string IContentTypeHttpResult.ContentType => MediaType;

    public Task ExecuteAsync(HttpContext context) => WriteAsync(context, statusCode, RpcStatus.Encode(Code, message));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var status in (int[])[StatusCodes.Status400BadRequest, StatusCodes.Status415UnsupportedMediaType])
        {
            builder.Metadata.Add(new ProtobufResponse(status, typeof(ProtobufStatus)));
        }
    }

    internal static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}

// A protobuf answer of a route, added to its operation in the OpenAPI document next to the JSON one.
internal sealed record ProtobufResponse(int StatusCode, Type Type)
{
    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var answer in context.Description.ActionDescriptor.EndpointMetadata.OfType<ProtobufResponse>())
        {
            var schema = await context.GetOrCreateSchemaAsync(answer.Type, null, ct);
            operation.Responses ??= [];
            var status = answer.StatusCode.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(status, out var response))
            {
                response = new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(answer.StatusCode) };
                operation.Responses[status] = response;
            }
            if (response is OpenApiResponse { Content: null } empty)
            {
                empty.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            }
            if (response.Content is { } content)
            {
                content[ProtobufStatus.MediaType] = new OpenApiMediaType { Schema = schema };
            }
        }
    }
}
