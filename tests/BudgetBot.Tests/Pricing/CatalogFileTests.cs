using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Usage;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Pricing;

// Pricing:CatalogPath: a newer catalog file takes over at start and when it changes; a file that is
// not valid leaves the last good catalog in use; events of a model the new catalog knows get priced.
public sealed class CatalogFileTests : IAsyncLifetime
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-catalog-");
    private readonly TestApp app;
    private HttpClient client = null!;

    public CatalogFileTests()
    {
        File.WriteAllText(CatalogPath, PriceCatalogTestData.JsonWithExtraModel("claude-sonnet-9", 2m, 10m));
        app = new TestApp(settings: new Dictionary<string, string?> { ["Pricing:CatalogPath"] = CatalogPath });
    }

    private string CatalogPath => Path.Combine(dir.FullName, "data.json");

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task CatalogFile_PricesWhatTheEmbeddedOneDoesNotKnow_AndABadFileKeepsTheLastGoodOne()
    {
        await client.PostJsonAsync("/api/usage", Batch(
            Event("known", model: "claude-sonnet-9").With("inputTokens", 1_000_000).With("repo", "acme/api"),
            Event("later", model: "claude-opus-9").With("inputTokens", 1_000_000).With("repo", "acme/api")));
        var status = await client.GetJsonAsync("/api/budgets/platform");
        Assert.Equal((2m, 1), (status.Decimal("spentUsd"), status.GetProperty("unpricedEvents").GetInt32()));

        File.WriteAllText(CatalogPath, PriceCatalogTestData.JsonWithExtraModel("claude-opus-9", 5m, 25m).Replace("\"input_mtok\":5,", "\"input_mtok\":-5,", StringComparison.Ordinal));
        Assert.False(await app.Get<CatalogReload>().ReloadAsync(TestContext.Current.CancellationToken));
        Assert.NotNull(app.Get<PriceCatalogProvider>().Current.Resolve("claude-sonnet-9"));

        File.WriteAllText(CatalogPath, PriceCatalogTestData.JsonWithExtraModel("claude-opus-9", 5m, 25m));
        Assert.True(await app.Get<CatalogReload>().ReloadAsync(TestContext.Current.CancellationToken));

        status = await client.GetJsonAsync("/api/budgets/platform");
        Assert.Equal((7m, 0), (status.Decimal("spentUsd"), status.GetProperty("unpricedEvents").GetInt32()));
        Assert.Null(app.Get<PriceCatalogProvider>().Current.Resolve("claude-sonnet-9"));
    }
}
