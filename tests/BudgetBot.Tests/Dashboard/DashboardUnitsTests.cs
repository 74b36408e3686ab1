using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Dashboard;

// The units page and GET /api/units read one store (UnitsStore) and fold it one way (WorkUnits), so
// the page's waste is the API's: failed or cancelled runs, and PRs closed without merge.
public sealed class DashboardUnitsTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private DashboardSession session = null!;
    private HttpClient api = null!;

    public async ValueTask InitializeAsync()
    {
        await using (var c = await app.Get<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            const string Run = "INSERT INTO workflow_runs (repo, run_id, run_attempt, head_sha, status, conclusion, updated_at_ms) VALUES ('acme/api', @Id, 1, 'abc', 'completed', @Conclusion, 0);";
            await c.ExecuteAsync(Run, new[] { new { Id = "1", Conclusion = "success" }, new { Id = "2", Conclusion = "failure" }, new { Id = "3", Conclusion = "success" } });
            const string Pr = "INSERT INTO pull_requests (repo, number, head_sha, head_ref, base_ref, state, merged, merged_at_ms, updated_at_ms) " +
                "VALUES ('acme/api', @Number, 'abc', 'f', 'main', 'closed', @Merged, @MergedAt, 0);";
            await c.ExecuteAsync(Pr, new[] { new { Number = 5, Merged = 1, MergedAt = (long?)1_773_100_000_000 }, new { Number = 6, Merged = 0, MergedAt = (long?)null } });
        }
        api = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        object E(string id, int run, decimal usd, int pr) =>
            Event(id, occurredAt: "2026-03-10T10:00:00Z").With("costUsd", usd).With("repo", "acme/api").With("workflow", "claude-review").With("runId", run).With("pr", pr);
        // Run 3 succeeded, but on a PR closed without merge: its spend is waste all the same.
        await api.PostJsonAsync("/api/usage", Batch(E("a", 1, 2, 5), E("b", 2, 3, 5), E("c", 3, 4.25m, 6), E("d", 4, 10, 7)));
        session = new DashboardSession(app);
        await session.SignInAsync();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task WasteOnThePage_IsTheApisWaste_IncludingAPrClosedUnmerged()
    {
        var page = await session.PageAsync("/dashboard/units?from=2026-03-01&to=2026-03-10");
        var units = await api.GetJsonAsync("/api/units?groupBy=repo&from=2026-03-01&to=2026-03-11");

        var groups = units.GetProperty("groups").EnumerateArray().ToList();
        var runs = groups.Sum(g => g.Decimal("spendOnFailedOrCancelledRunsUsd"));
        var prs = groups.Sum(g => g.Decimal("spendOnClosedUnmergedPrsUsd"));
        Assert.Equal((3m, 4.25m), (runs, prs));
        Assert.Equal(Usd(runs), page.QuerySelector("#waste-runs")!.TextContent);
        Assert.Equal(Usd(prs), page.QuerySelector("#waste-prs")!.TextContent);
        // The waste chart stacks both series on March 10.
        var bars = page.QuerySelectorAll("svg rect title").Select(t => t.TextContent).ToList();
        Assert.Contains("2026-03-10 PRs closed without merge: $4.25", bars);
        Assert.Contains("2026-03-10 failed or cancelled runs: $3.00", bars);
        var merged = page.QuerySelectorAll("#pr-by-repo tbody tr td").Select(td => td.TextContent).ToList();
        Assert.Equal(["acme/api", "1", "$5.00", "$5.00", "$5.00"], merged);
    }

    private static string Usd(decimal usd) => BudgetBot.Dashboard.Fmt.Usd(usd);
}
