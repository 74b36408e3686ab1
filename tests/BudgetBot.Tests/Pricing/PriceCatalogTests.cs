using BudgetBot.Usage;

namespace BudgetBot.Tests.Pricing;

public sealed class PriceCatalogTests
{
    private static readonly PriceCatalog Catalog = PriceCatalog.LoadEmbedded();

    [Theory]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("claude-haiku-4-5-20251001", "claude-haiku-4-5")]
    [InlineData("claude-opus-4-5-20251101", "claude-opus-4-5")]
    [InlineData("claude-opus-4-20250514", "claude-opus-4-0")] // genai-prices names Opus 4 claude-opus-4-0
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
    [InlineData("claude-sonnet")]
    [InlineData("claude-sonnet-9")]
    [InlineData("gpt-5-2025-08")]
    [InlineData("gpt-5-20250807x")]
    [InlineData("anthropic/")]
    public void TryGet_ReturnsFalse_ForUnknownModel(string name)
    {
        Assert.False(Catalog.TryGet(name, out var price));
        Assert.Null(price);
    }

    // The hand-kept table of 19 models did not know these; genai-prices does.
    [Theory]
    [InlineData("claude-3-5-sonnet-20241022", "claude-3-5-sonnet")]
    [InlineData("claude-sonnet-4-5-2025092", "claude-sonnet-4-5")] // its rule is starts_with claude-sonnet-4-5
    [InlineData("claude-opus-4-7", "claude-opus-4-7")]
    [InlineData("gpt-5-codex", "gpt-5")]
    public void TryGet_KnowsModelsTheOldTableDidNot(string name, string expectedId)
    {
        Assert.True(Catalog.TryGet(name, out var price));
        Assert.Equal(expectedId, price.Id);
    }

    [Fact]
    public void LoadEmbedded_ParsesOnce_AndIsDated()
    {
        Assert.Same(Catalog, PriceCatalog.LoadEmbedded());
        Assert.Equal("2026-08-21", Catalog.AsOf);
        Assert.True(Catalog.Vendors.Sum(v => v.Models.Count) > 1_400);
    }

    [Fact]
    public void Parse_BuildsCatalogThatKnowsANewModel()
    {
        var catalog = PriceCatalog.Parse("""
            [{"id":"anthropic","name":"Anthropic","api_pattern":"x","model_match":{"contains":"fable"},"models":[
              {"id":"fable-5-1","match":{"starts_with":"fable-5-1"},
               "prices":{"input_mtok":4,"output_mtok":20,"cache_read_mtok":0.4,"cache_write_mtok":5,"cache_write_1h_mtok":8}}]}]
            """, "2027-01-01");

        Assert.True(catalog.TryGet("anthropic/fable-5-1-20270101", out var price));
        Assert.Equal(new ModelPrice("fable-5-1", "anthropic", 4m, 20m, 0.4m, 5m, 8m, null, 0.5m), price);
        Assert.Equal("2027-01-01", catalog.AsOf);
        Assert.Single(catalog.Models);
    }
}
