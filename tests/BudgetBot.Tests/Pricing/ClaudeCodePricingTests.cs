using System.Globalization;
using System.Text.Json;
using BudgetBot.Budgets;
using BudgetBot.Usage;

namespace BudgetBot.Tests.Pricing;

// Claude Code session 7f3c2a9e… priced from tokens must match the client's own costUSD figures
// and the fixture README ($0.760575 Sonnet, $0.03725 Haiku, $0.797825 in all).
public sealed class ClaudeCodePricingTests
{
    [Theory]
    [InlineData("req_011CVbudgetbotReqA", "0.22011")]
    [InlineData("req_011CVbudgetbotReqB", "0.292425")]
    [InlineData("req_011CVbudgetbotReqC", "0.24804")]
    public void EachTranscriptRequest_CostsItsLoggedCostUsd(string requestId, string expected)
    {
        var line = AssistantLines().First(l => l.GetProperty("requestId").GetString() == requestId);

        var cost = CostOf(line);

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), cost);
        Assert.Equal(line.GetProperty("costUSD").GetDecimal(), cost);
    }

    [Fact]
    public void Transcript_DeduplicatedByMessageAndRequest_CostsSonnetTotal()
    {
        var unique = AssistantLines()
            .DistinctBy(l => (l.GetProperty("message").GetProperty("id").GetString(), l.GetProperty("requestId").GetString()))
            .ToList();

        var cost = unique.Sum(CostOf);

        Assert.Equal(3, unique.Count);
        Assert.Equal(760_575, Money.ToMicros(cost));
    }

    [Theory]
    [InlineData("claude-sonnet-4-5-20250929", 760_575)]
    [InlineData("claude-haiku-4-5-20251001", 37_250)]
    public void ResultModelUsage_CostsItsCostUsd(string model, long expectedMicros)
    {
        var usage = UsageFixture.Load("claude-code-result.json").GetProperty("modelUsage").GetProperty(model);

        var cost = ModelUsageCost(model, usage);

        Assert.Equal(expectedMicros, Money.ToMicros(cost));
        Assert.Equal(usage.GetProperty("costUSD").GetDecimal(), cost);
    }

    [Fact]
    public void ResultModelUsage_SumsToTotalCostUsd()
    {
        var result = UsageFixture.Load("claude-code-result.json");

        var total = result.GetProperty("modelUsage").EnumerateObject().Sum(m => ModelUsageCost(m.Name, m.Value));

        Assert.Equal(797_825, Money.ToMicros(total));
        Assert.Equal(result.GetProperty("total_cost_usd").GetDecimal(), total);
    }

    private static IEnumerable<JsonElement> AssistantLines() =>
        UsageFixture.Lines("claude-code-session.jsonl").Where(l => l.GetProperty("type").GetString() == "assistant");

    // Requests B and C each read ~600k cached tokens, which by the per-request rule would be long
    // context, yet the fixture's costUSD (and README: "every request under 200k") use base rates.
    // The session ran in a 200k window (modelUsage contextWindow 200000, no [1m] on the model), so
    // the tier is taken from the window, as the usage report's context_window would give it.
    private static decimal CostOf(JsonElement line)
    {
        var message = line.GetProperty("message");
        var usage = message.GetProperty("usage");
        var writes = usage.GetProperty("cache_creation");
        var tokens = new TokenCounts(
            Input: usage.GetProperty("input_tokens").GetInt64(),
            Output: usage.GetProperty("output_tokens").GetInt64(),
            CacheRead: usage.GetProperty("cache_read_input_tokens").GetInt64(),
            CacheWrite5m: writes.GetProperty("ephemeral_5m_input_tokens").GetInt64(),
            CacheWrite1h: writes.GetProperty("ephemeral_1h_input_tokens").GetInt64());
        return CostCalculator.Calculate(tokens, UsageFixture.Price(message.GetProperty("model").GetString()!), tier: ContextTier.Base);
    }

    // modelUsage sums a whole session (contextWindow 200000, so base tier) and does not split cache
    // writes by TTL; Claude Code's default TTL is 5 minutes, which the logged costUSD confirms.
    private static decimal ModelUsageCost(string model, JsonElement usage)
    {
        var tokens = new TokenCounts(
            Input: usage.GetProperty("inputTokens").GetInt64(),
            Output: usage.GetProperty("outputTokens").GetInt64(),
            CacheRead: usage.GetProperty("cacheReadInputTokens").GetInt64(),
            CacheWrite5m: usage.GetProperty("cacheCreationInputTokens").GetInt64(),
            CacheWrite1h: 0);
        return CostCalculator.Calculate(tokens, UsageFixture.Price(model), tier: ContextTier.Base);
    }
}
