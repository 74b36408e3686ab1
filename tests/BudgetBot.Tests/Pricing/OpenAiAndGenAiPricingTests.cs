using System.Globalization;
using System.Text.Json;
using BudgetBot.Usage;

namespace BudgetBot.Tests.Pricing;

// Sources whose input count includes cached tokens: the caller subtracts them before pricing.
public sealed class OpenAiAndGenAiPricingTests
{
    [Theory]
    [InlineData("gpt-5-2025-08-07", "4.00")]
    [InlineData("gpt-4.1-2025-04-14", "2.52")]
    [InlineData("gpt-4o-mini-2024-07-18", "0.555")]
    public void OpenAiUsageRow_CostsReadmeLine(string model, string expected)
    {
        var row = OpenAiRows().Single(r => r.GetProperty("model").GetString() == model);

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), OpenAiCost(row));
    }

    [Fact]
    public void OpenAiUsage_CostsReadmeTotal()
    {
        Assert.Equal(7.075m, OpenAiRows().Sum(OpenAiCost));
    }

    [Fact]
    public void GenAiSpan_CostsReadmeFigure()
    {
        var attributes = UsageFixture.Load("genai-otlp-traces.json")
            .GetProperty("resourceSpans")[0].GetProperty("scopeSpans")[0].GetProperty("spans")[0]
            .GetProperty("attributes").EnumerateArray()
            .ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value"));
        long Int(string key) => long.Parse(attributes[key].GetProperty("intValue").GetString()!, CultureInfo.InvariantCulture);
        var read = Int("gen_ai.usage.cache_read.input_tokens");
        var write = Int("gen_ai.usage.cache_creation.input_tokens");

        // OTel does not say the cache TTL; Anthropic's default is 5 minutes.
        var tokens = new TokenCounts(Int("gen_ai.usage.input_tokens") - read - write, Int("gen_ai.usage.output_tokens"), read, write, 0);
        var cost = CostCalculator.Calculate(tokens, UsageFixture.Price(attributes["gen_ai.response.model"].GetProperty("stringValue").GetString()!));

        Assert.Equal(2_000, tokens.Input);
        Assert.Equal(0.05475m, cost);
    }

    private static IEnumerable<JsonElement> OpenAiRows() =>
        UsageFixture.Load("openai-usage-completions.json").GetProperty("data")[0].GetProperty("results").EnumerateArray();

    // A daily bucket of many requests; none of these models has a long-context tier anyway.
    private static decimal OpenAiCost(JsonElement row)
    {
        var cached = row.GetProperty("input_cached_tokens").GetInt64();
        var uncached = row.GetProperty("input_tokens").GetInt64() - cached;
        Assert.Equal(row.GetProperty("input_uncached_tokens").GetInt64(), uncached);
        var tokens = new TokenCounts(uncached, row.GetProperty("output_tokens").GetInt64(), cached, 0, 0);
        return CostCalculator.Calculate(
            tokens,
            UsageFixture.Price(row.GetProperty("model").GetString()!),
            batch: row.GetProperty("batch").GetBoolean(),
            tier: ContextTier.Base);
    }
}
