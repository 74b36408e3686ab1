using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Pricing;

// The policy's discounts and per-model overrides sit on top of the catalog, through POST /api/usage.
public sealed class PriceOverrideTests : IAsyncLifetime
{
    private readonly TestApp app = new(TestPolicy.Default.Replace(
        "pricing: { discounts: { anthropic: 0.0, openai: 0.0 } }",
        "pricing: { discounts: { anthropic: 0.5 }, overrides: { claude-sonnet-4-5: { input: 2 }, house-model-1: { input: 1, output: 4 }, house-model-2: { input: 1 } } }",
        StringComparison.Ordinal));
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task OverrideReplacesCatalogRates_DiscountAppliesToTheRest_UnknownNeedsInputAndOutput()
    {
        await client.PostJsonAsync("/api/usage", Batch(
            // Override by canonical id, whatever the spelling: 1M × $2 + 100k × $16.50 (Bedrock's output), not discounted again.
            Event("sonnet", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0").With("inputTokens", 1_000_000).With("outputTokens", 100_000).With("repo", "acme/api"),
            // No override: list $1 less the 50 % Anthropic discount.
            Event("haiku", model: "claude-haiku-4-5-20251001").With("inputTokens", 1_000_000).With("repo", "acme/api"),
            // Unknown to the catalog, fully priced by the policy: $1 + $4.
            Event("house-1", model: "house-model-1").With("inputTokens", 1_000_000).With("outputTokens", 1_000_000).With("repo", "acme/api"),
            // Unknown, and the override lacks an output price: stays unpriced.
            Event("house-2", model: "house-model-2").With("inputTokens", 1_000_000).With("repo", "acme/api")));

        var status = await client.GetJsonAsync("/api/budgets/platform");

        Assert.Equal((3.65m + 0.5m + 5m, 1), (status.Decimal("spentUsd"), status.GetProperty("unpricedEvents").GetInt32()));
    }
}
