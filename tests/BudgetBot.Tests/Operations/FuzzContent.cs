using System.Net;

namespace BudgetBot.Tests.Operations;

// A body sent chunked, without Content-Length: its length is never computed, and it can be produced
// as it is written (50 MB of it need not sit in memory).
internal sealed class FuzzContent(Func<Stream, Task> write) : HttpContent
{
    public static FuzzContent Of(byte[] bytes) => new(s => s.WriteAsync(bytes).AsTask());

    public static FuzzContent Repeated(byte fill, long total) => new(async s =>
    {
        var block = new byte[64 * 1024];
        Array.Fill(block, fill);
        for (long sent = 0; sent < total; sent += block.Length)
        {
            await s.WriteAsync(block);
        }
    });

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => write(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
