using System.Globalization;
using System.Text.Json;

namespace BudgetBot.Otlp;

// OTLP JSON encodes int64 as decimal strings but senders also use numbers; accept both everywhere.
internal static class OtlpJson
{
    public static long? Int64(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    public static long? Int64(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var e) ? Int64(e) : null;

    // Read from the JSON text, never through double, so 0.760575 stays exactly 0.760575.
    public static decimal? Decimal(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetDecimal(out var d) => d,
        JsonValueKind.String => Decimal(e.GetString()),
        _ => null,
    };

    public static decimal? Decimal(string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static DateTimeOffset? Time(long? unixNano) =>
        unixNano is > 0 and var n ? DateTimeOffset.FromUnixTimeMilliseconds(n / 1_000_000) : null;

    public static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray()
            : [];

    public static JsonElement Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var o) && o.ValueKind == JsonValueKind.Object
            ? o
            : default;

    public static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : null;
}
