using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Foresight;

// A stored event revised in place (priced once the catalog learns its model) moves run_costs with it,
// so the estimates read the run's cost as it is now, not as it was ingested.
public sealed class RunCostRevisionTests
{
    [Fact]
    public async Task Repricing_ReachesTheEstimates_OfTheRunItBelongsTo()
    {
        await using var app = new TestApp();
        var api = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        await api.PostJsonAsync("/api/usage", Batch(
            Run("r1", 101, "2026-03-02T10:00:00Z").With("costUsd", 1),
            Run("r2", 102, "2026-03-03T10:00:00Z").With("costUsd", 3),
            Run("r3", 103, "2026-03-04T10:00:00Z", model: "claude-sonnet-9").With("inputTokens", 1_000_000)));
        const string Url = "/api/estimates?workflow=claude-review&repo=acme/api";

        var before = await api.GetJsonAsync(Url);
        Assert.Equal((3, 1.333333m), (before.GetProperty("runs").GetProperty("count").GetInt32(), before.GetProperty("runs").Decimal("meanUsd")));
        Assert.Equal(0m, Model(before, "claude-sonnet-9").Decimal("p50Usd"));

        app.Get<BudgetBot.Usage.PriceCatalogProvider>().Replace(Pricing.PriceCatalogTestData.WithExtraModel("claude-sonnet-9", input: 2m, output: 10m));
        Assert.Equal(1, await app.Get<BudgetBot.Usage.Repricer>().RepriceAsync(TestContext.Current.CancellationToken));

        var after = await api.GetJsonAsync(Url);
        Assert.Equal((3, 2m, 2m), (after.GetProperty("runs").GetProperty("count").GetInt32(), after.GetProperty("runs").Decimal("meanUsd"), after.GetProperty("runs").Decimal("p50Usd")));
        Assert.Equal(2m, Model(after, "claude-sonnet-9").Decimal("p50Usd"));
        Assert.Equal(1, Model(after, "claude-sonnet-9").GetProperty("count").GetInt32());
    }

    private static Dictionary<string, object?> Run(string id, int runId, string at, string model = "claude-sonnet-4-5-20250929") =>
        Event(id, model, at)
            .With("repo", "acme/api").With("workflow", "claude-review").With("runId", runId).With("pr", 7);

    private static System.Text.Json.JsonElement Model(System.Text.Json.JsonElement estimates, string model) =>
        estimates.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == model).GetProperty("runs");
}
