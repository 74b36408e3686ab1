using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace BudgetBot.Operations;

// The body limit for bodies without a Content-Length (chunked): Kestrel stops those mid-read with a
// BadHttpRequestException that the exception handler would answer 500, and TestServer and IIS do not
// stop them at all. The body is counted as it is read; past the endpoint's limit (its
// IRequestSizeLimitMetadata, else the server's) it throws 413, and any BadHttpRequestException is
// answered with its own status as a problem detail. See docs/decisions/chunked-bodies-get-413.md.
internal sealed class RequestBodyLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is null)
        {
            // A declared length is judged before the body is read (UseOperations, and Kestrel).
            context.Request.Body = new CountingBody(context.Request.Body, () => LimitOf(context));
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Results.Problem(statusCode: e.StatusCode, title: e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request",
                detail: e.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"The body may be at most {LimitOf(context)} bytes." : "The request could not be read.")
                .ExecuteAsync(context);
        }
    }

    private static long LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
        ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
        ?? OperationsExtensions.MaxRequestBodyBytes;

    private sealed class CountingBody(Stream inner, Func<long> limit) : Stream
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

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            read += n;
            if (read > limit())
            {
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            }
            return n;
        }
    }
}
