using System.Security.Cryptography;
using System.Text;

namespace BudgetBot.GitHub;

// Checks what the library would refuse with an Error log, before it runs: the X-GitHub-Event header
// and the X-Hub-Signature-256 HMAC of the raw body. The body is buffered once (in memory up to
// 64 KiB, on disk beyond), hashed as it streams, and rewound for the library, so a 25 MB delivery is
// never held twice in memory. Returns why the delivery is refused, or null.
internal static class WebhookSignature
{
    // GitHub caps payloads at 25 MB; the rest of the API keeps OperationsExtensions' limit.
    public const long MaxBodyBytes = 25L * 1024 * 1024;
    private const int MemoryThreshold = 64 * 1024;
    private const int ChunkBytes = 16 * 1024;

    public static async Task<Refusal?> CheckAsync(HttpRequest request, byte[] secret, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Headers["X-GitHub-Event"]))
        {
            return new Refusal(StatusCodes.Status400BadRequest, "missing-event", "X-GitHub-Event is missing");
        }
        var header = request.Headers["X-Hub-Signature-256"].ToString();
        if (!header.StartsWith("sha256=", StringComparison.Ordinal) || header.Length != 7 + 64)
        {
            return new Refusal(StatusCodes.Status400BadRequest, "missing-signature", "X-Hub-Signature-256 is missing or malformed");
        }
        request.EnableBuffering(MemoryThreshold, MaxBodyBytes + ChunkBytes);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        var buffer = new byte[ChunkBytes];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > MaxBodyBytes)
            {
                return new Refusal(StatusCodes.Status413PayloadTooLarge, "too-large", $"The body may be at most {MaxBodyBytes} bytes");
            }
            hmac.AppendData(buffer, 0, read);
        }
        request.Body.Position = 0;
        var expected = Encoding.ASCII.GetBytes("sha256=" + Convert.ToHexStringLower(hmac.GetHashAndReset()));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header.ToLowerInvariant()))
            ? null
            : new Refusal(StatusCodes.Status400BadRequest, "bad-signature", "X-Hub-Signature-256 does not match the body");
    }
}

// Why a delivery is refused: its status, a short reason for the metric and log, and the problem title.
internal sealed record Refusal(int Status, string Reason, string Title);
