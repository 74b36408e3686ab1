using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BudgetBot.Otlp;

// OTLP/HTTP protobuf (Content-Type: application/x-protobuf) on the JSON routes. As the OTLP spec says
// for a protobuf request, the answer is protobuf too: the Export*ServiceResponse, or on failure a
// google.rpc.Status with the reason (decision: docs/decisions/otlp-protobuf-and-grpc.md).
internal static class OtlpProtobuf
{
    public delegate Task<IResult> Handler(HttpRequest request, OtlpReceiver receiver, ILogger logger, CancellationToken ct);

    public static Task<IResult> MetricsAsync(HttpRequest request, OtlpReceiver receiver, ILogger logger, CancellationToken ct) =>
        HandleAsync(request, logger, ExportMetricsServiceRequest.Parser, async m => OtlpResponses.Metrics(await receiver.MetricsAsync(m, ct)), ct);

    public static Task<IResult> LogsAsync(HttpRequest request, OtlpReceiver receiver, ILogger logger, CancellationToken ct) =>
        HandleAsync(request, logger, ExportLogsServiceRequest.Parser, async m => OtlpResponses.Logs(await receiver.LogsAsync(m, ct)), ct);

    public static Task<IResult> TracesAsync(HttpRequest request, OtlpReceiver receiver, ILogger logger, CancellationToken ct) =>
        HandleAsync(request, logger, ExportTraceServiceRequest.Parser, async m => OtlpResponses.Traces(await receiver.TracesAsync(m, ct)), ct);

    private static async Task<IResult> HandleAsync<T>(HttpRequest request, ILogger logger, MessageParser<T> parser, Func<T, Task<IMessage>> receive, CancellationToken ct)
        where T : IMessage<T>
    {
        if (OtlpBody.UnsupportedEncoding(request, logger) is { } encoding)
        {
            return new ProtobufResult(RpcStatus.Encode(RpcStatus.InvalidArgument, encoding), StatusCodes.Status415UnsupportedMediaType);
        }
        T message;
        try
        {
            await using var body = OtlpBody.Open(request);
            using var buffer = new MemoryStream();
            await body.CopyToAsync(buffer, ct);
            message = parser.ParseFrom(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException)
        {
            OtlpLog.Unreadable(logger, request.Path, e.GetType().Name);
            return new ProtobufResult(RpcStatus.Encode(RpcStatus.InvalidArgument, "the body is not a readable OTLP protobuf export: " + e.Message),
                StatusCodes.Status400BadRequest);
        }
        return new ProtobufResult((await receive(message)).ToByteArray(), StatusCodes.Status200OK);
    }

    private sealed class ProtobufResult(byte[] body, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
