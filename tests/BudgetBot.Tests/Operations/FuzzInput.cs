using System.Text;
using System.Text.RegularExpressions;

namespace BudgetBot.Tests.Operations;

// One fuzzed request body, derived from a valid seed by a seeded System.Random so a failure can be
// reproduced from its case number.
internal sealed record FuzzCase(string Kind, byte[] Body, string? ContentType, bool Chunked, (string Name, string Value)? Header);

internal static partial class FuzzInput
{
    private static readonly string[] ContentTypes =
        ["application/json", "text/plain", "application/xml", "application/x-protobuf", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=latin1"];

    private static readonly string[] WrongValues =
        ["true", "null", "[]", "{}", "\"x\"", "-1", "1.5", "1e400", "-1e400", "99999999999999999999999999999", "9223372036854775807", "-9223372036854775808", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\"", "0.0000000000000000000000000001"];

    public static FuzzCase Next(Random rng, string seed, string contentType, bool form = false)
    {
        var bytes = Encoding.UTF8.GetBytes(seed);
        switch (rng.Next(14))
        {
            case 0: return new("empty", [], rng.Next(2) == 0 ? contentType : null, false, null);
            case 1: return new("truncated", bytes[..rng.Next(bytes.Length)], contentType, false, null);
            case 2: return new("random bytes", RandomBytes(rng, rng.Next(1, 2048)), contentType, rng.Next(2) == 0, null);
            case 3: return new("deeply nested", Encoding.UTF8.GetBytes(Nested(rng)), contentType, false, null);
            case 4: return new("non-UTF-8", Splice(rng, bytes, [0xC3, 0x28, 0xFF, 0xFE]), contentType, false, null);
            case 5: return new("raw lone surrogate", Splice(rng, bytes, [0xED, 0xA0, 0x80]), contentType, false, null);
            case 6: return new("wrong value", Encoding.UTF8.GetBytes(ReplaceValue(rng, seed, form)), contentType, false, null);
            case 7: return new("wrong content type", bytes, ContentTypes[rng.Next(ContentTypes.Length)], false, null);
            case 8: return new("huge header", bytes, contentType, false, ("X-Fuzz", new string('h', rng.Next(8_000, 64_000))));
            case 9: return new("chunked", bytes, contentType, true, null);
            case 10: return new("not an object", Encoding.UTF8.GetBytes(WrongValues[rng.Next(WrongValues.Length)]), contentType, false, null);
            case 11: return new("percent junk", Encoding.UTF8.GetBytes(seed + "&%ZZ=%ED%A0%80&payload=%7B%22type%22%3A%5B&text=%uD800&=" + new string('%', rng.Next(1, 4))), contentType, false, null);
            case 12: return new("duplicated keys", Encoding.UTF8.GetBytes(seed.Length > 2 && seed[0] == '{' ? "{\"id\":1," + seed[1..] : seed + seed), contentType, false, null);
            default: return new("wrong values", Encoding.UTF8.GetBytes(ReplaceValue(rng, ReplaceValue(rng, ReplaceValue(rng, seed, form), form), form)), contentType, false, null);
        }
    }

    private static byte[] RandomBytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }

    private static string Nested(Random rng)
    {
        var depth = rng.Next(65, 5000);
        return rng.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }

    private static byte[] Splice(Random rng, byte[] bytes, byte[] junk)
    {
        var at = rng.Next(bytes.Length + 1);
        return [.. bytes[..at], .. junk, .. bytes[at..]];
    }

    // One JSON value (a string, number, true/false/null) of the seed replaced by a value of another
    // type or an absurd one; in a form, the value of one field, URL-encoded.
    private static string ReplaceValue(Random rng, string seed, bool form)
    {
        var wrong = WrongValues[rng.Next(WrongValues.Length)];
        var matches = (form ? FormValue() : JsonValue()).Matches(seed);
        if (matches.Count == 0)
        {
            return seed;
        }
        var m = matches[rng.Next(matches.Count)];
        var replacement = form ? Uri.EscapeDataString(wrong) : wrong;
        return string.Concat(seed.AsSpan(0, m.Groups[1].Index), replacement, seed.AsSpan(m.Groups[1].Index + m.Groups[1].Length));
    }

    [GeneratedRegex(@":\s*(""(?:[^""\\]|\\.)*""|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)")]
    private static partial Regex JsonValue();

    [GeneratedRegex(@"=([^&]*)")]
    private static partial Regex FormValue();
}
