using System.Security.Cryptography;
using System.Text;

namespace BudgetBot.Otlp;

// Deterministic ids: a retried export hashes to the same ids, so the ingestor's (source, id) key
// makes the retry a no-op.
internal static class OtlpIds
{
    private const char Separator = '\u001f';

    public static string Hash(OtlpAttributes attributes, IReadOnlySet<string> skipKeys, params ReadOnlySpan<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            Append(hash, part);
        }
        foreach (var (key, value) in attributes.Sorted())
        {
            if (!skipKeys.Contains(key))
            {
                Append(hash, key);
                Append(hash, value);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length - 1
            ? buffer[..Encoding.UTF8.GetBytes(text, buffer)]
            : Encoding.UTF8.GetBytes(text);
        hash.AppendData(bytes);
        hash.AppendData([(byte)Separator]);
    }
}
