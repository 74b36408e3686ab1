using System.Globalization;
using System.Text.Json;
using BudgetBot.Usage;

namespace BudgetBot.Tests.Pricing;

// Admin API usage-report buckets priced from tokens must match the README totals and the cost
// report, which is the provider's own bill. Web search is not token pricing and is left out.
public sealed class AnthropicReportPricingTests
{
    [Theory]
    [InlineData("2026-03-02", "claude-sonnet-4-5-20250929", "33.45")]
    [InlineData("2026-03-02", "claude-haiku-4-5-20251001", "2.345")]
    [InlineData("2026-03-02", "claude-opus-4-5-20251101", "26.375")]
    [InlineData("2026-03-03", "claude-sonnet-4-5-20250929", "24.15")]
    public void UsageBucket_CostsReadmeTotal(string day, string model, string expected)
    {
        var cost = UsageCost(day, model);

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), cost);
    }

    [Theory]
    [InlineData("2026-03-02", "claude-sonnet-4-5-20250929")]
    [InlineData("2026-03-02", "claude-haiku-4-5-20251001")]
    [InlineData("2026-03-02", "claude-opus-4-5-20251101")]
    [InlineData("2026-03-03", "claude-sonnet-4-5-20250929")]
    public void UsageBucket_CostsWhatTheCostReportBilled(string day, string model)
    {
        var billedCents = Bucket("anthropic-cost-report.json", day)
            .Where(r => r.GetProperty("cost_type").GetString() == "tokens" && r.GetProperty("model").GetString() == model)
            .Sum(r => decimal.Parse(r.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture));

        Assert.Equal(billedCents / 100m, UsageCost(day, model));
    }

    [Fact]
    public void FirstDay_TokenCostIsDayTotalLessWebSearch()
    {
        string[] models = ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-5-20251101"];

        var tokenCost = models.Sum(m => UsageCost("2026-03-02", m));

        Assert.Equal(62.29m - 0.12m, tokenCost);
    }

    // A daily bucket sums many requests, each under 200k input per the README, so base rates apply.
    private static decimal UsageCost(string day, string model)
    {
        var row = Bucket("anthropic-usage-report.json", day).Single(r => r.GetProperty("model").GetString() == model);
        var writes = row.GetProperty("cache_creation");
        var tokens = new TokenCounts(
            Input: row.GetProperty("uncached_input_tokens").GetInt64(),
            Output: row.GetProperty("output_tokens").GetInt64(),
            CacheRead: row.GetProperty("cache_read_input_tokens").GetInt64(),
            CacheWrite5m: writes.GetProperty("ephemeral_5m_input_tokens").GetInt64(),
            CacheWrite1h: writes.GetProperty("ephemeral_1h_input_tokens").GetInt64());
        return CostCalculator.Calculate(tokens, UsageFixture.Price(model), tier: ContextTier.Base);
    }

    private static IEnumerable<JsonElement> Bucket(string file, string day) =>
        UsageFixture.Load(file).GetProperty("data").EnumerateArray()
            .Single(b => b.GetProperty("starting_at").GetString()!.StartsWith(day, StringComparison.Ordinal))
            .GetProperty("results").EnumerateArray();
}
