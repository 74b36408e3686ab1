using System.Text.Json;
using BudgetBot.Usage;

namespace BudgetBot.Providers;

// Pure: OpenAI's completions usage and costs buckets to normalised rows (reference usage-sources §2).
internal static class OpenAiReportParser
{
    // input_tokens includes cached tokens; input_uncached_tokens, where present, is the exclusive count.
    public static IEnumerable<ProviderUsage> Usage(IEnumerable<JsonElement> buckets) =>
        from bucket in buckets
        let day = ReportJson.DayOfUnixSeconds(bucket, "start_time")
        from r in ReportJson.Results(bucket)
        let cached = ReportJson.Long(r, "input_cached_tokens")
        let uncached = ReportJson.OptionalLong(r, "input_uncached_tokens") ?? Math.Max(0, ReportJson.Long(r, "input_tokens") - cached)
        select new ProviderUsage(
            day,
            ReportJson.Account(ReportJson.String(r, "project_id")),
            ReportJson.String(r, "model") ?? "(unknown model)",
            new TokenCounts(uncached, ReportJson.Long(r, "output_tokens"), cached, 0, 0),
            Batch: r.TryGetProperty("batch", out var b) && b.ValueKind == JsonValueKind.True,
            LongContext: false);

    // amount.value is in dollars (a number), unlike Anthropic's cents.
    public static IEnumerable<ProviderCost> Costs(IEnumerable<JsonElement> buckets) =>
        from bucket in buckets
        let day = ReportJson.DayOfUnixSeconds(bucket, "start_time")
        from r in ReportJson.Results(bucket)
        let amount = ReportJson.Object(r, "amount")
        select new ProviderCost(
            day,
            ReportJson.Account(ReportJson.String(r, "project_id")),
            amount.ValueKind == JsonValueKind.Object && amount.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number
                ? v.GetDecimal()
                : 0m);
}
