using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace BudgetBot.Otlp;

// Deterministic ids: a retried export hashes to the same ids, so the ingestor's (source, id) key
// makes the retry a no-op. An id is the SHA-256 of its parts and then the sorted attributes (minus
// skipped keys), each followed by a unit separator; Text is that input as a string, for keys that
// are grouped on in memory and hashed once per group (Digest(Text(...)) == Hash(...)).
internal static class OtlpIds
{
    private const char Separator = '\u001f';

    public static string Hash(OtlpAttributes attributes, IReadOnlySet<string> skipKeys, params ReadOnlySpan<string> parts) =>
        Digest(Text(attributes, skipKeys, parts));

    public static string Text(OtlpAttributes attributes, IReadOnlySet<string> skipKeys, params ReadOnlySpan<string> parts)
    {
        var text = new StringBuilder(256);
        foreach (var part in parts)
        {
            text.Append(part).Append(Separator);
        }
        foreach (var (key, value) in attributes.Sorted())
        {
            if (!skipKeys.Contains(key))
            {
                text.Append(key).Append(Separator).Append(value).Append(Separator);
            }
        }
        return text.ToString();
    }

    public static string Digest(string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
