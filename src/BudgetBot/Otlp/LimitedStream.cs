namespace BudgetBot.Otlp;

// Read-only view of a stream that fails once more than a limit has been read, so a small gzip body
// cannot expand into gigabytes of JSON or protobuf. Disposes the inner stream only when told to (a
// decompressor, not the request body).
internal sealed class LimitedStream(Stream inner, long limit, bool dispose) : Stream
{
    private long read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && dispose)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (dispose)
        {
            await inner.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    private int Count(int n)
    {
        read += n;
        return read > limit ? throw new InvalidDataException($"the body is larger than {limit / (1024 * 1024)} MB") : n;
    }
}
