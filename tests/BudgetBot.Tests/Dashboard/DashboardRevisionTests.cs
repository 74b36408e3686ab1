using System.Globalization;
using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Providers;
using Dapper;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Dashboard;

// Usage changed after it was ingested (priced once the catalog learns its model, a provider's bill
// booked or moved by a reconciliation remainder) moves the dashboard's rollups with it: its figures
// stay the API's, and its rows stay what a rebuild from usage_events would make.
public sealed class DashboardRevisionTests
{
    [Fact]
    public async Task Repricing_MovesTheDashboardsSpend_FromUnpricedToPriced()
    {
        await using var app = new TestApp();
        var api = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        await api.PostJsonAsync("/api/usage", Batch(
            Event("new-model", model: "claude-sonnet-9", occurredAt: "2026-03-10T10:00:00Z").With("inputTokens", 1_000_000)
                .With("repo", "acme/api").With("pr", 5).With("workflow", "claude-review").With("runId", "21"),
            Event("known", occurredAt: "2026-03-10T11:00:00Z").With("costUsd", 3).With("repo", "acme/api")));
        var session = new DashboardSession(app);
        await session.SignInAsync();
        const string Spend = "/dashboard/spend?from=2026-03-10&to=2026-03-10&groupBy=model";
        Assert.Equal("$3.00", (await session.PageAsync(Spend)).QuerySelector("#spend-total")!.TextContent);

        app.Get<BudgetBot.Usage.PriceCatalogProvider>().Replace(Pricing.PriceCatalogTestData.WithExtraModel("claude-sonnet-9", input: 2m, output: 10m));
        Assert.Equal(1, await app.Get<BudgetBot.Usage.Repricer>().RepriceAsync(TestContext.Current.CancellationToken));

        var page = await session.PageAsync(Spend);
        var platform = await api.GetJsonAsync("/api/budgets/platform");
        Assert.Equal(5m, platform.Decimal("spentUsd"));
        Assert.Equal(BudgetBot.Dashboard.Fmt.Usd(platform.Decimal("spentUsd")), page.QuerySelector("#spend-total")!.TextContent);
        var models = page.QuerySelectorAll("#spend-table tbody tr").ToDictionary(r => r.QuerySelector("td")!.TextContent, r => r.QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("$2.00", models["claude-sonnet-9"]);
        await AssertRollupsAreTheEventsAsync(app.Get<Database>(), "spend|1773136800000|platform|acme/api|claude-review|claude-sonnet-9|anthropic|2000000|1|0");

        // Routing's mix moves with it: the what-if reads the repriced tokens, not an unpriced row.
        await using var c = await app.Get<Database>().OpenAsync();
        var mix = (await c.QueryAsync<(string, string, long, long, long, long)>(
            "SELECT model, provider, input_tokens, cost_micros, events, unpriced_events FROM routing_mix WHERE events <> 0;")).ToList();
        Assert.Equal([("claude-sonnet-9", "anthropic", 1_000_000L, 2_000_000L, 1L, 0L)], mix);
    }

    [Fact]
    public async Task ReconciliationRemainders_CountOnTheDashboard_WhenBookedAndWhenLateUsageMovesThem()
    {
        await using var h = new ProviderHarness();
        var api = await h.App.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        var session = new DashboardSession(h.App);
        await session.SignInAsync();
        const string Spend = "/dashboard/spend?from=2026-03-02&to=2026-03-02&groupBy=provider";

        await h.PollAsync("anthropic");
        Assert.Equal(BudgetBot.Dashboard.Fmt.Usd(await h.OrgUsdAsync(new(2026, 3, 2))), (await session.PageAsync(Spend)).QuerySelector("#spend-total")!.TextContent);
        Assert.Equal("$62.29", (await session.PageAsync(Spend)).QuerySelector("#spend-total")!.TextContent);

        // Late usage on the billed day: its remainder shrinks in the same transaction, the day's total stays the bill.
        await api.PostJsonAsync("/api/usage", Event("late-1", source: "github-actions").With("costUsd", 1.5)
            .With("repo", "acme/web").With("occurredAt", "2026-03-02T16:00:00Z"));

        var page = await session.PageAsync(Spend);
        Assert.Equal("$62.29", page.QuerySelector("#spend-total")!.TextContent);
        Assert.Equal(62.29m, await h.OrgUsdAsync(new(2026, 3, 2)));
        var csv = await session.Client.GetStringAsync(page.QuerySelector("#csv")!.GetAttribute("href")!, TestContext.Current.CancellationToken);
        Assert.Equal(62.29m, csv.TrimEnd('\n').Split('\n').Skip(1).Sum(l => decimal.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)));
        await AssertRollupsAreTheEventsAsync(h.App.Get<Database>(), null);
    }

    private static async Task AssertRollupsAreTheEventsAsync(Database db, string? expectedRow)
    {
        var kept = await DashboardRollupTests.RowsAsync(db);
        if (expectedRow is not null)
        {
            Assert.Contains(expectedRow, kept);
        }
        await DashboardRollupTests.RebuildFromEventsAsync(db);
        // A key whose events were all moved away keeps a zero row; the rebuild has none.
        Assert.Equal(await DashboardRollupTests.RowsAsync(db), kept.Where(r => !r.EndsWith("|0|0|0", StringComparison.Ordinal)).ToList());
    }
}
