using System.Globalization;
using System.Text.Json;
using BudgetBot.Usage;

namespace BudgetBot.Providers;

// Pure: Anthropic's usage and cost report buckets to normalised rows (reference usage-sources §1).
internal static class AnthropicReportParser
{
    public static IEnumerable<ProviderUsage> Usage(IEnumerable<JsonElement> buckets) =>
        from bucket in buckets
        let day = ReportJson.DayOfRfc3339(bucket, "starting_at")
        from r in ReportJson.Results(bucket)
        let cache = ReportJson.Object(r, "cache_creation")
        select new ProviderUsage(
            day,
            ReportJson.Account(ReportJson.String(r, "workspace_id")),
            ReportJson.String(r, "model") ?? "(unknown model)",
            new TokenCounts(
                ReportJson.Long(r, "uncached_input_tokens"),
                ReportJson.Long(r, "output_tokens"),
                ReportJson.Long(r, "cache_read_input_tokens"),
                cache.ValueKind == JsonValueKind.Object ? ReportJson.Long(cache, "ephemeral_5m_input_tokens") : 0,
                cache.ValueKind == JsonValueKind.Object ? ReportJson.Long(cache, "ephemeral_1h_input_tokens") : 0),
            Batch: ReportJson.String(r, "service_tier") == "batch",
            LongContext: ReportJson.String(r, "context_window") == "200k-1M");

    // amount is a decimal string in cents: "375.00" is $3.75.
    public static IEnumerable<ProviderCost> Costs(IEnumerable<JsonElement> buckets) =>
        from bucket in buckets
        let day = ReportJson.DayOfRfc3339(bucket, "starting_at")
        from r in ReportJson.Results(bucket)
        select new ProviderCost(
            day,
            ReportJson.Account(ReportJson.String(r, "workspace_id")),
            decimal.Parse(ReportJson.String(r, "amount") ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture) / 100m);
}
