using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BudgetBot.Slack;

// Slack's v0 request signature (docs/reference/slack.md §1), pure: the caller passes the raw body and
// the clock's now. A 5-minute window both ways; a missing secret, header or prefix is a refusal.
internal static class SlackSignature
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static SlackSignatureResult Verify(string? secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return SlackSignatureResult.Invalid(SlackSignatureFailure.NoSecret);
        }
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SlackSignatureResult.Invalid(SlackSignatureFailure.MissingHeaders);
        }
        if (timestamp.Length > 12 || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SlackSignatureResult.Invalid(SlackSignatureFailure.BadTimestamp);
        }
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)Window.TotalSeconds)
        {
            return SlackSignatureResult.Invalid(SlackSignatureFailure.Stale);
        }
        if (!signature.StartsWith("v0=", StringComparison.Ordinal) || signature.Length != 3 + 64)
        {
            return SlackSignatureResult.Invalid(SlackSignatureFailure.BadFormat);
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(3));
        }
        catch (FormatException)
        {
            return SlackSignatureResult.Invalid(SlackSignatureFailure.BadFormat);
        }
        var expected = Compute(secret, timestamp, body);
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? SlackSignatureResult.Valid
            : SlackSignatureResult.Invalid(SlackSignatureFailure.Mismatch);
    }

    public static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes("v0:" + timestamp + ":");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
    }

    // For signing our own requests: the demo and the tests.
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        "v0=" + Convert.ToHexStringLower(Compute(secret, timestamp, body));
}
