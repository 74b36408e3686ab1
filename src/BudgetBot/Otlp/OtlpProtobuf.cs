using System.Buffers;
using Google.Protobuf;

namespace BudgetBot.Otlp;

// OTLP/HTTP protobuf (Content-Type: application/x-protobuf) on the JSON routes. As the OTLP spec says
// for a protobuf request, the answer is protobuf too: the Export*ServiceResponse (ProtobufResult), or
// on failure a google.rpc.Status with the reason (ProtobufStatus; decision:
// docs/decisions/otlp-protobuf-and-grpc.md).
internal static class OtlpProtobuf
{
    // The first buffer's bounds: Content-Length is the sender's word, so it only sizes the start.
    private const int MinBuffer = 16 * 1024;
    private const int MaxFirstBuffer = 4 * 1024 * 1024;

    public static async Task<(T? Message, ProtobufStatus? Failure)> ReadAsync<T>(HttpRequest request, MessageParser<T> parser, ILogger logger, CancellationToken ct)
        where T : class, IMessage<T>
    {
        if (OtlpBody.UnsupportedEncoding(request, logger) is { } encoding)
        {
            return (null, new ProtobufStatus(StatusCodes.Status415UnsupportedMediaType, encoding));
        }
        // The body is read into a pooled buffer sized from Content-Length: an export is mostly past
        // the large-object heap's 85 KB, which a MemoryStream grown per request allocated every time.
        // The parsed message copies what it keeps, so the buffer goes back to the pool at once.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp((request.ContentLength ?? 0) + 1, MinBuffer, MaxFirstBuffer));
        try
        {
            var length = 0;
            await using (var body = OtlpBody.Open(request))
            {
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
                {
                    length += read;
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }
            }
            return (parser.ParseFrom(buffer.AsSpan(0, length)), null);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException)
        {
            OtlpLog.Unreadable(logger, request.Path, e.GetType().Name);
            return (null, new ProtobufStatus(StatusCodes.Status400BadRequest, "the body is not a readable OTLP protobuf export: " + e.Message));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
