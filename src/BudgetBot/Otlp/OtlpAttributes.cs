using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;

namespace BudgetBot.Otlp;

// The attributes that describe one point, log record or span: its resource's attributes overlaid by
// its own. Values are kept as text (numbers as written, arrays as raw JSON); only ids and a few
// numbers are derived from them, nothing is stored as is.
internal sealed class OtlpAttributes
{
    private static readonly KeyValuePair<string, string>[] None = [];

    // A point's attributes are its own over its resource's, kept as two layers: copying the
    // resource's set for each of an export's thousands of points was most of reading it.
    private readonly OtlpAttributes? parent;
    private readonly Dictionary<string, string> own;
    private KeyValuePair<string, string>[]? sorted;

    private OtlpAttributes(OtlpAttributes? parent, Dictionary<string, string> own)
    {
        this.parent = parent is { own.Count: 0, parent: null } ? null : parent;
        this.own = own;
    }

    public static readonly OtlpAttributes Empty = new(null, new Dictionary<string, string>(StringComparer.Ordinal));

    public int Count => Sorted().Length;

    public static OtlpAttributes Read(JsonElement owner) => Empty.With(owner);

    // Resource attributes first, then the item's own (the more specific wins).
    public OtlpAttributes With(JsonElement owner)
    {
        var added = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kv in OtlpJson.Array(owner, "attributes"))
        {
            if (OtlpJson.String(kv, "key") is { } key && kv.TryGetProperty("value", out var v) && Text(v) is { } text)
            {
                added[key] = text;
            }
        }
        return new OtlpAttributes(this, added);
    }

    // The protobuf form, written as the JSON form would be, so an item hashes to the same id whichever
    // encoding brought it.
    public OtlpAttributes With(RepeatedField<KeyValue> attributes)
    {
        var added = new Dictionary<string, string>(attributes.Count, StringComparer.Ordinal);
        foreach (var kv in attributes)
        {
            if (Text(kv.Value) is { } text)
            {
                added[kv.Key] = text;
            }
        }
        return new OtlpAttributes(this, added);
    }

    // An own value hides the resource's even when empty, as an overlay does.
    public string? Get(string key) =>
        own.TryGetValue(key, out var v) ? (v.Length > 0 ? v : null) : parent?.Get(key);

    public string? First(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (Get(key) is { } v)
            {
                return v;
            }
        }
        return null;
    }

    public decimal? Number(string key) => OtlpJson.Decimal(Get(key));

    // A token count: 0 when absent, -1 when present but not a whole number from 0 to 10^15.
    public long Tokens(params ReadOnlySpan<string> keys) => First(keys) switch
    {
        null => 0,
        var text => OtlpJson.Decimal(text) is { } n && n >= 0 && n == Math.Floor(n) && n <= 1_000_000_000_000_000m ? (long)n : -1,
    };

    // Sorted by key so the same set hashes the same whatever order the sender wrote it in. Computed
    // once per set: a resource's sorted pairs are merged into each of its points'.
    public KeyValuePair<string, string>[] Sorted()
    {
        if (sorted is { } done)
        {
            return done;
        }
        var mine = own.Count == 0 ? None : own.ToArray();
        Array.Sort(mine, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var below = parent?.Sorted() ?? None;
        if (below.Length == 0)
        {
            return sorted = mine;
        }
        var merged = new List<KeyValuePair<string, string>>(below.Length + mine.Length);
        int i = 0, j = 0;
        while (i < below.Length || j < mine.Length)
        {
            var order = i == below.Length ? 1 : j == mine.Length ? -1 : string.CompareOrdinal(below[i].Key, mine[j].Key);
            if (order < 0)
            {
                merged.Add(below[i++]);
                continue;
            }
            if (order == 0)
            {
                i++;
            }
            merged.Add(mine[j++]);
        }
        return sorted = merged.ToArray();
    }

    private static string? Text(JsonElement anyValue)
    {
        if (anyValue.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var p in anyValue.EnumerateObject())
        {
            return p.Name switch
            {
                "stringValue" => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(),
                "boolValue" => p.Value.ValueKind == JsonValueKind.True ? "true" : "false",
                "intValue" or "doubleValue" => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(),
                _ => p.Value.GetRawText(),
            };
        }
        return null;
    }

    private static string? Text(AnyValue? value) => value?.ValueCase switch
    {
        null or AnyValue.ValueOneofCase.None => null,
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        _ => JsonFormatter.Default.Format(value),
    };
}
