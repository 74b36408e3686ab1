using BudgetBot.Usage;

namespace BudgetBot.Tests.Pricing;

// Transcribed from `docs/reference/usage-sources.md` §7 independently of the genai-prices copy, so a
// change in either shows up here. Where genai-prices differs from that table it is noted per row.
public sealed class EmbeddedPricesTests
{
    [Theory]
    [InlineData("claude-opus-4-0", "anthropic", 15, 75, 1.50)] // genai-prices' id for claude-opus-4
    [InlineData("claude-opus-4-1", "anthropic", 15, 75, 1.50)]
    [InlineData("claude-opus-4-5", "anthropic", 5, 25, 0.50)]
    [InlineData("claude-opus-4-6", "anthropic", 5, 25, 0.50)]
    [InlineData("claude-sonnet-4-0", "anthropic", 3, 15, 0.30)] // genai-prices' id for claude-sonnet-4
    [InlineData("claude-sonnet-4-5", "anthropic", 3, 15, 0.30)]
    [InlineData("claude-sonnet-4-6", "anthropic", 3, 15, 0.30)]
    [InlineData("claude-haiku-4-5", "anthropic", 1, 5, 0.10)]
    [InlineData("gpt-5", "openai", 1.25, 10, 0.125)]
    [InlineData("gpt-5.1", "openai", 1.25, 10, 0.125)]
    [InlineData("gpt-5.2", "openai", 1.75, 14, 0.175)]
    [InlineData("gpt-5-mini", "openai", 0.25, 2, 0.025)]
    [InlineData("gpt-5-nano", "openai", 0.05, 0.40, 0.005)]
    [InlineData("gpt-4.1", "openai", 2, 8, 0.50)]
    [InlineData("gpt-4.1-mini", "openai", 0.40, 1.60, 0.10)]
    [InlineData("gpt-4o", "openai", 2.50, 10, 1.25)]
    [InlineData("gpt-4o-mini", "openai", 0.15, 0.60, 0.075)]
    [InlineData("gemini-2.5-pro", "google", 1.25, 10, 0.125)]
    [InlineData("gemini-2.5-flash", "google", 0.30, 2.50, 0.03)] // Google's current cache price; the old snapshot said 0.075
    public void Catalog_ListsModelAtReferencePrice(string id, string provider, double input, double output, double cacheRead)
    {
        var price = UsageFixture.Price(id);

        Assert.Equal((id, provider), (price.Id, price.Provider));
        Assert.Equal(((decimal)input, (decimal)output, (decimal)cacheRead), (price.Input, price.Output, price.CacheRead));
        Assert.Equal(0.5m, price.BatchDiscount);
    }

    // Anthropic publishes multipliers: 5m write 1.25×, 1h write 2×, read 0.1× of input, tier included.
    [Fact]
    public void AnthropicRates_FollowCacheMultipliers()
    {
        // Claude 4 and later; Claude 3 Haiku (1.2×) and Claude 1/2 (no caching) predate the multipliers.
        var anthropic = PriceCatalog.LoadEmbedded().Models
            .Where(m => m.Provider == "anthropic" && m.Id.StartsWith("claude-", StringComparison.Ordinal) && !m.Id.StartsWith("claude-3", StringComparison.Ordinal)
                && m.Id is not ("claude-2" or "claude-v1"))
            .ToList();
        var rates = anthropic.Select(m => (Id: m.Id, m.Input, m.CacheRead, m.CacheWrite5m, m.CacheWrite1h))
            .Concat(anthropic.Where(m => m.LongContext is not null).Select(m => (Id: m.Id + " long", m.LongContext!.Input,
                m.LongContext.CacheRead, m.LongContext.CacheWrite5m, m.LongContext.CacheWrite1h)));

        Assert.NotEmpty(anthropic);
        Assert.All(rates, r => Assert.Equal(
            (r.Id, r.Input * 0.1m, r.Input * 1.25m, r.Input * 2m),
            (r.Id, r.CacheRead, r.CacheWrite5m!.Value, r.CacheWrite1h!.Value)));
    }

    [Fact]
    public void OpenAiAndGoogle_HaveNoCacheWriteClass()
    {
        // Google's table also lists the Claude models it serves on Vertex, which do charge cache writes.
        var others = PriceCatalog.LoadEmbedded().Models
            .Where(m => m.Provider == "openai" || (m.Provider == "google" && m.Id.StartsWith("gemini", StringComparison.Ordinal)))
            .Where(m => !m.Id.StartsWith("gpt-5.6", StringComparison.Ordinal)) // GPT-5.6 is the first OpenAI family to bill cache writes
            .ToList();

        Assert.NotEmpty(others);
        Assert.All(others, m => Assert.Equal((m.Id, (decimal?)null, (decimal?)null), (m.Id, m.CacheWrite5m, m.CacheWrite1h)));
    }

    // Sonnet and Opus 4.6 had a long-context tier until Anthropic dropped it on 2026-03-13.
    [Theory]
    [InlineData("claude-sonnet-4-5", 6, 22.50)] // genai-prices has no tier for claude-sonnet-4-0
    [InlineData("claude-sonnet-4-6", 6, 22.50)]
    [InlineData("claude-opus-4-6", 10, 37.50)]
    [InlineData("gemini-2.5-pro", 2.50, 15)]
    public void LongContextTier_StartsAbove200kInputTokens(string id, double input, double output)
    {
        var tier = PriceCatalog.LoadEmbedded().Resolve(id, at: new DateTimeOffset(2026, 3, 12, 23, 0, 0, TimeSpan.Zero))!.Price.LongContext;

        Assert.NotNull(tier);
        Assert.Equal((200_000L, (decimal)input, (decimal)output), (tier.AboveInputTokens, tier.Input, tier.Output));
    }

    // Conditional prices: the price in force on the day the usage occurred.
    [Theory]
    [InlineData("claude-sonnet-4-6", "2026-03-12", true, 3)]
    [InlineData("claude-sonnet-4-6", "2026-03-13", false, 3)]
    [InlineData("claude-sonnet-5", "2026-08-31", false, 2)]
    [InlineData("claude-sonnet-5", "2026-09-01", false, 3)]
    [InlineData("o3", "2025-06-09", false, 10)]
    [InlineData("o3", "2025-06-10", false, 2)]
    public void DatedPrices_ApplyFromTheirStartDate(string id, string day, bool tiered, double input)
    {
        var at = new DateTimeOffset(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero).AddHours(12);

        var price = PriceCatalog.LoadEmbedded().Resolve(id, at: at)!.Price;

        Assert.Equal((tiered, (decimal)input), (price.LongContext is not null, price.Input));
    }
}
