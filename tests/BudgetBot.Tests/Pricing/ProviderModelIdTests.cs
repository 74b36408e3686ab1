using BudgetBot.Usage;

namespace BudgetBot.Tests.Pricing;

// Issue 11 part 3: the ids teams on Bedrock, Vertex, OpenRouter and OpenAI send, each at its
// provider's list price as genai-prices gives it (Bedrock's regional / cross-region inference ids
// cost 10 % more than first-party Anthropic), and each under one canonical model name.
public sealed class ProviderModelIdTests
{
    private static readonly PriceCatalog Catalog = PriceCatalog.LoadEmbedded();

    [Theory]
    [InlineData("us.anthropic.claude-sonnet-4-5-20250929-v1:0", null, null, "aws", "claude-sonnet-4-5", 3.3, 16.5, 0.33, 4.125)]
    [InlineData("anthropic.claude-opus-4-1-20250805-v1:0", null, null, "aws", "claude-opus-4-1", 15, 75, 1.5, 18.75)]
    [InlineData("claude-sonnet-4-5@20250929", null, null, "google", "claude-sonnet-4-5", 3, 15, 0.3, 3.75)]
    [InlineData("anthropic/claude-sonnet-4.5", null, null, "openrouter", "claude-sonnet-4-5", 3, 15, 0.3, 3.75)]
    [InlineData("gpt-5-codex", null, null, "openai", "gpt-5", 1.25, 10, 0.125, null)]
    [InlineData("o3", null, null, "openai", "o3", 2, 8, 0.5, null)]
    [InlineData("o4-mini", null, null, "openai", "o4-mini", 1.1, 4.4, 0.275, null)]
    [InlineData("claude-sonnet-4-5-20250929", null, null, "anthropic", "claude-sonnet-4-5", 3, 15, 0.3, 3.75)]
    [InlineData("claude-sonnet-4-5", null, null, "anthropic", "claude-sonnet-4-5", 3, 15, 0.3, 3.75)]
    [InlineData("claude-sonnet-4-5-20250929", "bedrock", null, "aws", "claude-sonnet-4-5", 3.3, 16.5, 0.33, 4.125)]
    [InlineData("claude-sonnet-4-5-20250929", "AWS", null, "aws", "claude-sonnet-4-5", 3.3, 16.5, 0.33, 4.125)]
    [InlineData("claude-sonnet-4-5-20250929", null, "bedrock-gateway", "aws", "claude-sonnet-4-5", 3.3, 16.5, 0.33, 4.125)]
    [InlineData("claude-sonnet-4-5-20250929", "anthropic", "bedrock-gateway", "anthropic", "claude-sonnet-4-5", 3, 15, 0.3, 3.75)]
    [InlineData("claude-sonnet-4-5@20250929", "vertex", null, "google", "claude-sonnet-4-5", 3, 15, 0.3, 3.75)]
    [InlineData("gpt-5-2025-08-07", "azure", null, "azure", "gpt-5", 1.25, 10, 0.125, null)]
    [InlineData("CLAUDE-SONNET-4-5-20250929[1m]", "acme-proxy", null, "anthropic", "claude-sonnet-4-5", 3, 15, 0.3, 3.75)]
    public void Id_IsPricedAtItsProvidersListPrice_UnderOneCanonicalName(
        string id, string? provider, string? source, string vendor, string canonical, double input, double output, double cacheRead, double? cacheWrite5m)
    {
        var r = Catalog.Resolve(id, provider, source);

        Assert.NotNull(r);
        Assert.Equal(
            (vendor, canonical, (decimal)input, (decimal)output, (decimal)cacheRead, (decimal?)cacheWrite5m),
            (r.Vendor, r.CanonicalModel, r.Price.Input, r.Price.Output, r.Price.CacheRead, r.Price.CacheWrite5m));
    }

    [Theory]
    [InlineData("claude-sonnet-9")]
    [InlineData("us.anthropic.claude-sonnet-9-v1:0")]
    [InlineData("acme/house-model")]
    [InlineData("[1m]")]
    public void IdNoRuleMatches_IsUnpriced(string id) => Assert.Null(Catalog.Resolve(id));

    // Bedrock does not list this one: the first-party price applies, but AWS still served it.
    [Fact]
    public void BedrockIdAwsDoesNotList_IsPricedAtFirstParty_ButStaysAws()
    {
        var r = Catalog.Resolve("anthropic.claude-v1");

        Assert.Equal(("aws", "claude-v1", "claude-v1", 8m), (r!.Vendor, r.Entry, r.CanonicalModel, r.Price.Input));
    }

    [Fact]
    public void BedrockId_CostsMoreThanFirstParty_ForTheSameTokens()
    {
        var tokens = new TokenCounts(1_000_000, 100_000, 0, 0, 0);

        var bedrock = CostCalculator.Calculate(tokens, Catalog.Resolve("us.anthropic.claude-sonnet-4-5-20250929-v1:0")!.Price, tier: ContextTier.Base);
        var anthropic = CostCalculator.Calculate(tokens, Catalog.Resolve("claude-sonnet-4-5-20250929")!.Price, tier: ContextTier.Base);

        Assert.Equal((4.95m, 4.5m), (bedrock, anthropic));
    }
}
