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
    // resource's set for each of an export's thousands of points was most of reading it. Each layer
    // is sorted by key once (ordinal, the order ids hash them in); a point's layers are merged only
    // as they are walked (Merged), never into an array of their own.
    private readonly OtlpAttributes? parent;
    private readonly KeyValuePair<string, string>[] own;
    private KeyValuePair<string, string>[]? sorted;

    private OtlpAttributes(OtlpAttributes? parent, KeyValuePair<string, string>[] own)
    {
        this.parent = parent is { own.Length: 0, parent: null } ? null : parent;
        this.own = own;
    }

    public static readonly OtlpAttributes Empty = new(null, None);

    public int Count => Sorted().Length;

    public static OtlpAttributes Read(JsonElement owner) => Empty.With(owner);

    // Resource attributes first, then the item's own (the more specific wins).
    public OtlpAttributes With(JsonElement owner)
    {
        var added = new List<KeyValuePair<string, string>>();
        foreach (var kv in OtlpJson.Array(owner, "attributes"))
        {
            if (OtlpJson.String(kv, "key") is { } key && kv.TryGetProperty("value", out var v) && Text(v) is { } text)
            {
                added.Add(new(key, text));
            }
        }
        return new OtlpAttributes(this, OtlpAttributePairs.Layer([.. added], added.Count));
    }

    // The protobuf form, written as the JSON form would be, so an item hashes to the same id whichever
    // encoding brought it.
    public OtlpAttributes With(RepeatedField<KeyValue> attributes)
    {
        var added = new KeyValuePair<string, string>[attributes.Count];
        var count = 0;
        foreach (var kv in attributes)
        {
            if (Text(kv.Value) is { } text)
            {
                added[count++] = new(kv.Key, text);
            }
        }
        return new OtlpAttributes(this, OtlpAttributePairs.Layer(added, count));
    }

    // An own value hides the resource's even when empty, as an overlay does.
    public string? Get(string key) =>
        OtlpAttributePairs.Find(own, key) is var i and >= 0 ? (own[i].Value is { Length: > 0 } v ? v : null) : parent?.Get(key);

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

    // Sorted by key so the same set hashes the same whatever order the sender wrote it in: the own
    // layer over the parent's, walked in step. The parent's merged set is computed once per parent.
    public OtlpAttributePairs Merged() => new(parent?.Sorted() ?? None, own);

    public KeyValuePair<string, string>[] Sorted()
    {
        if (sorted is { } done)
        {
            return done;
        }
        if (parent is null)
        {
            return sorted = own;
        }
        var merged = new List<KeyValuePair<string, string>>(parent.Sorted().Length + own.Length);
        foreach (var kv in Merged())
        {
            merged.Add(kv);
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
