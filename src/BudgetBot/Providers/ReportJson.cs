using System.Globalization;
using System.Text.Json;

namespace BudgetBot.Providers;

// Tolerant reads over report rows: every dimension may be null or absent, and newer API versions add
// fields, so a missing value is zero or null rather than an error.
internal static class ReportJson
{
    public static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    public static long? OptionalLong(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    public static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement Object(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    public static IEnumerable<JsonElement> Results(JsonElement bucket) =>
        bucket.TryGetProperty("results", out var r) && r.ValueKind == JsonValueKind.Array ? r.EnumerateArray() : [];

    public static string Account(string? id) => string.IsNullOrEmpty(id) ? ProviderReport.DefaultAccount : id;

    public static DateOnly DayOfRfc3339(JsonElement bucket, string name) =>
        DateOnly.FromDateTime(DateTimeOffset.Parse(String(bucket, name) ?? throw new InvalidDataException($"bucket has no {name}"),
            CultureInfo.InvariantCulture).UtcDateTime);

    public static DateOnly DayOfUnixSeconds(JsonElement bucket, string name) =>
        DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(Long(bucket, name)).UtcDateTime);

    public static string Rfc3339(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    public static long UnixSeconds(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
}
