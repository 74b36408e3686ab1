using BudgetBot.Pricing;

namespace BudgetBot.Tests.Pricing;

public sealed class PriceCatalogTests
{
    private static readonly PriceCatalog Catalog = PriceCatalog.LoadEmbedded();

    [Theory]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("claude-haiku-4-5-20251001", "claude-haiku-4-5")]
    [InlineData("claude-opus-4-5-20251101", "claude-opus-4-5")]
    [InlineData("claude-opus-4-20250514", "claude-opus-4")]
    [InlineData("claude-opus-4-1-20250805", "claude-opus-4-1")]
    [InlineData("gpt-5-2025-08-07", "gpt-5")]
    [InlineData("gpt-4.1-2025-04-14", "gpt-4.1")]
    [InlineData("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini")]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("CLAUDE-Sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("  gpt-5  ", "gpt-5")]
    public void TryGet_ResolvesCanonicalIdsAndAliases_CaseInsensitively(string name, string expectedId)
    {
        Assert.True(Catalog.TryGet(name, out var price));
        Assert.Equal(expectedId, price.Id);
    }

    [Theory]
    [InlineData("anthropic/claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("openai/gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("gemini/gemini-2.5-pro", "gemini-2.5-pro")]
    [InlineData("models/gemini-2.5-flash", "gemini-2.5-flash")]
    [InlineData("claude-sonnet-4-5-20250929[1m]", "claude-sonnet-4-5")]
    [InlineData("claude-sonnet-4-5[1M]", "claude-sonnet-4-5")]
    public void TryGet_ToleratesProviderPrefixAndContextMarker(string name, string expectedId)
    {
        Assert.True(Catalog.TryGet(name, out var price));
        Assert.Equal(expectedId, price.Id);
    }

    [Theory]
    [InlineData("claude-opus-4-5-20260115", "claude-opus-4-5")]
    [InlineData("claude-haiku-4-5-20990101", "claude-haiku-4-5")]
    [InlineData("gpt-4.1-2026-02-01", "gpt-4.1")]
    [InlineData("gpt-4.1-mini-2026-02-01", "gpt-4.1-mini")]
    [InlineData("openai/gpt-5-2026-01-01", "gpt-5")]
    public void TryGet_StripsUnknownDateSuffix_ToFindCanonicalModel(string name, string expectedId)
    {
        Assert.True(Catalog.TryGet(name, out var price));
        Assert.Equal(expectedId, price.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("llama-3.1-70b")]
    [InlineData("claude-3-5-sonnet-20241022")] // undated family is not in the table either
    [InlineData("claude-sonnet")]
    [InlineData("claude-sonnet-4-5-2025092")] // seven digits is not a date
    [InlineData("gpt-5-2025-08")]
    [InlineData("gpt-5-20250807x")]
    [InlineData("anthropic/")]
    public void TryGet_ReturnsFalse_ForUnknownModel(string name)
    {
        Assert.False(Catalog.TryGet(name, out var price));
        Assert.Null(price);
    }

    [Fact]
    public void LoadEmbedded_ParsesOnce_AndIsDated()
    {
        Assert.Same(Catalog, PriceCatalog.LoadEmbedded());
        Assert.Equal("2026-11-01", Catalog.AsOf);
    }

    [Fact]
    public void Parse_BuildsCatalogThatKnowsANewModel()
    {
        var catalog = PriceCatalog.Parse("""
            {"asOf":"2027-01-01","source":"test","models":[
              {"id":"fable-5-1","provider":"anthropic","aliases":["fable-5-1-20270101"],
               "input":4,"output":20,"cacheRead":0.4,"cacheWrite5m":5,"cacheWrite1h":8,"batchDiscount":0.5}]}
            """);

        Assert.True(catalog.TryGet("anthropic/fable-5-1-20270101", out var price));
        Assert.Equal(new ModelPrice("fable-5-1", "anthropic", 4m, 20m, 0.4m, 5m, 8m, null, 0.5m), price);
        Assert.Equal("2027-01-01", catalog.AsOf);
        Assert.Single(catalog.Models);
    }
}
