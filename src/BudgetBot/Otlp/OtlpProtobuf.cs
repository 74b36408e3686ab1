using Google.Protobuf;

namespace BudgetBot.Otlp;

// OTLP/HTTP protobuf (Content-Type: application/x-protobuf) on the JSON routes. As the OTLP spec says
// for a protobuf request, the answer is protobuf too: the Export*ServiceResponse (ProtobufResult), or
// on failure a google.rpc.Status with the reason (ProtobufStatus; decision:
// docs/decisions/otlp-protobuf-and-grpc.md).
internal static class OtlpProtobuf
{
    public static async Task<(T? Message, ProtobufStatus? Failure)> ReadAsync<T>(HttpRequest request, MessageParser<T> parser, ILogger logger, CancellationToken ct)
        where T : class, IMessage<T>
    {
        if (OtlpBody.UnsupportedEncoding(request, logger) is { } encoding)
        {
            return (null, new ProtobufStatus(StatusCodes.Status415UnsupportedMediaType, encoding));
        }
        try
        {
            await using var body = OtlpBody.Open(request);
            using var buffer = new MemoryStream();
            await body.CopyToAsync(buffer, ct);
            return (parser.ParseFrom(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), null);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException)
        {
            OtlpLog.Unreadable(logger, request.Path, e.GetType().Name);
            return (null, new ProtobufStatus(StatusCodes.Status400BadRequest, "the body is not a readable OTLP protobuf export: " + e.Message));
        }
    }
}
