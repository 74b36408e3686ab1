using BudgetBot.Pricing;

namespace BudgetBot.Tests.Pricing;

// Transcribed from shared/reference/usage-sources.md §7 independently of prices.json, so a typo in
// either shows up here.
public sealed class EmbeddedPricesTests
{
    [Theory]
    [InlineData("claude-opus-4", "anthropic", 15, 75, 1.50)]
    [InlineData("claude-opus-4-1", "anthropic", 15, 75, 1.50)]
    [InlineData("claude-opus-4-5", "anthropic", 5, 25, 0.50)]
    [InlineData("claude-opus-4-6", "anthropic", 5, 25, 0.50)]
    [InlineData("claude-sonnet-4", "anthropic", 3, 15, 0.30)]
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
    [InlineData("gemini-2.5-flash", "google", 0.30, 2.50, 0.075)]
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
        var anthropic = PriceCatalog.LoadEmbedded().Models.Where(m => m.Provider == "anthropic").ToList();
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
        var others = PriceCatalog.LoadEmbedded().Models.Where(m => m.Provider != "anthropic").ToList();

        Assert.NotEmpty(others);
        Assert.All(others, m => Assert.Equal((m.Id, (decimal?)null, (decimal?)null), (m.Id, m.CacheWrite5m, m.CacheWrite1h)));
    }

    [Theory]
    [InlineData("claude-sonnet-4", 6, 22.50)]
    [InlineData("claude-sonnet-4-5", 6, 22.50)]
    [InlineData("gemini-2.5-pro", 2.50, 15)]
    public void LongContextTier_StartsAbove200kInputTokens(string id, double input, double output)
    {
        var tier = UsageFixture.Price(id).LongContext;

        Assert.NotNull(tier);
        Assert.Equal((200_000L, (decimal)input, (decimal)output), (tier.AboveInputTokens, tier.Input, tier.Output));
    }
}
