using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace BudgetBot.Otlp;

// Deterministic ids: a retried export hashes to the same ids, so the ingestor's (source, id) key
// makes the retry a no-op. An id is the SHA-256 of its parts and then the sorted attributes (minus
// skipped keys), each followed by a unit separator; Text is that input as a string, for keys that
// are grouped on in memory and hashed once per group (Digest(Text(...)) == Hash(...)). The input is
// written into a pooled buffer, walking the attribute layers in key order (OtlpAttributes.Merged).
internal static class OtlpIds
{
    private const string Separator = "\u001f";

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    public static string Hash(OtlpAttributes attributes, IReadOnlySet<string> skipKeys, params ReadOnlySpan<string> parts)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[512]);
        Write(ref text, attributes, skipKeys, parts);
        var id = Digest(text.Text);
        text.Clear();
        return id;
    }

    // The parts alone, as Hash(OtlpAttributes.Empty, ..., parts).
    public static string Hash(params ReadOnlySpan<string> parts) => Hash(OtlpAttributes.Empty, EmptySet, parts);

    // Text, as the equal string already in made when there is one (the points of a group share their
    // key), so a point that joins a known group allocates no text of its own.
    public static string Text(HashSet<string> made, OtlpAttributes attributes, IReadOnlySet<string> skipKeys, params ReadOnlySpan<string> parts)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[512]);
        Write(ref text, attributes, skipKeys, parts);
        if (!made.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text.Text, out var key))
        {
            key = text.Text.ToString();
            made.Add(key);
        }
        text.Clear();
        return key;
    }

    public static string Digest(string text) => Digest(text.AsSpan());

    private static void Write(ref DefaultInterpolatedStringHandler text, OtlpAttributes attributes, IReadOnlySet<string> skipKeys, ReadOnlySpan<string> parts)
    {
        foreach (var part in parts)
        {
            text.AppendFormatted(part);
            text.AppendLiteral(Separator);
        }
        var skip = skipKeys.Count > 0;
        foreach (var (key, value) in attributes.Merged())
        {
            if (!skip || !skipKeys.Contains(key))
            {
                text.AppendFormatted(key);
                text.AppendLiteral(Separator);
                text.AppendFormatted(value);
                text.AppendLiteral(Separator);
            }
        }
    }

    private static string Digest(ReadOnlySpan<char> text)
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
