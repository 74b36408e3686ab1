using System.IO.Compression;
using System.Text.Json;
using BudgetBot.Operations;
using BudgetBot.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Otlp;

// OTLP/HTTP request bodies: JSON here, protobuf in OtlpProtobuf; gzip or not, capped once decoded.
internal static class OtlpBody
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public static bool IsProtobuf(HttpRequest request) => MediaType(request) == "application/x-protobuf";

    public static async Task<(JsonDocument? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, ILogger logger, CancellationToken ct)
    {
        var mediaType = MediaType(request);
        if (mediaType is not (null or "" or "application/json") && !(mediaType?.EndsWith("+json", StringComparison.Ordinal) ?? false))
        {
            OtlpLog.Unsupported(logger, request.Path, mediaType ?? "");
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "BudgetBot accepts OTLP/HTTP JSON or protobuf",
                detail: $"Content type '{mediaType}' is not supported. Set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf or http/json " +
                        "(or the per-signal OTEL_EXPORTER_OTLP_METRICS_PROTOCOL / _LOGS_ / _TRACES_PROTOCOL), or use grpc on the OTLP gRPC port."));
        }
        if (UnsupportedEncoding(request, logger) is { } encoding)
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported Content-Encoding",
                detail: encoding));
        }
        await using var body = Open(request);
        try
        {
            var doc = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            if (!JsonText.IsValid(doc.RootElement))
            {
                doc.Dispose();
                return (null, Problems.Invalid([new FieldError(0, "", JsonText.Problem)], "The OTLP export is not valid"));
            }
            return (doc, null);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            OtlpLog.Unreadable(logger, request.Path, e.GetType().Name);
            return (null, Problems.Invalid([new FieldError(0, "", "the body is not readable OTLP JSON: " + e.Message)], "The OTLP export is not valid"));
        }
    }

    // What is wrong with Content-Encoding, or null when it is gzip or none.
    public static string? UnsupportedEncoding(HttpRequest request, ILogger logger)
    {
        var encoding = Encoding(request);
        if (encoding is "" or "identity" or "gzip")
        {
            return null;
        }
        OtlpLog.Unsupported(logger, request.Path, "Content-Encoding " + encoding);
        return $"Content-Encoding '{encoding}' is not supported; send gzip or no encoding (OTEL_EXPORTER_OTLP_COMPRESSION=gzip).";
    }

    // The decoded body, failing with InvalidDataException past MaxBytes. Disposing it leaves the request body open.
    public static Stream Open(HttpRequest request)
    {
        Stream body = Encoding(request) == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        return new LimitedStream(body, MaxBytes, dispose: !ReferenceEquals(body, request.Body));
    }

    private static string? MediaType(HttpRequest request) => request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();

    private static string Encoding(HttpRequest request) => request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
}
