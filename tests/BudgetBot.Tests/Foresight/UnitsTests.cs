using System.Net;
using BudgetBot.Auth;
using BudgetBot.Foresight;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Foresight;

public sealed class UnitsTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static UnitRow Row(string run, long micros, string? conclusion, long? pr = null, string? state = null, bool merged = false, string workflow = "w") =>
        new() { Repo = "acme/api", Workflow = workflow, RunKey = run, Pr = pr, CostMicros = micros, Conclusion = conclusion, PrState = state, Merged = merged ? 1 : 0 };

    [Fact]
    public void Units_SplitSpendIntoWorkThatLandedAndWorkThatDidNot()
    {
        var rows = new[]
        {
            Row("1", 1_000_000, "success", pr: 5, state: "closed", merged: true),
            Row("1", 1_000_001, "success", pr: 5, state: "closed", merged: true),
            Row("2", 3_000_000, "failure", pr: 5, state: "closed", merged: true),
            Row("3", 4_000_000, "cancelled", pr: 6, state: "closed"),
            Row("4", 10_000_000, null, pr: 7, state: "open"),
            Row("5", 1_000_000, "success"),
            Row("6", 5_000_000, "timed_out", workflow: "other"),
        };

        var groups = WorkUnits.Of("workflow", rows);

        Assert.Equal(["w", "other"], groups.Select(g => g.Key));
        // Two successful runs of $2.000001 and $1: $1.5000005 each, rounded away from zero.
        Assert.Equal(new UnitGroup("w", 20.000001m, 2, 1.500001m, 2, 7m, 1, 5.000001m, 1, 4m), groups[0]);
        Assert.Equal(new UnitGroup("other", 5m, 0, null, 1, 5m, 0, null, 0, 0m), groups[1]);
        Assert.Equal("acme/api", Assert.Single(WorkUnits.Of("repo", rows)).Key);
    }

    [Fact]
    public async Task UnitsApi_JoinsRunConclusionsAndPrStates()
    {
        await using (var c = await app.Get<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            const string Run = "INSERT INTO workflow_runs (repo, run_id, run_attempt, head_sha, status, conclusion, updated_at_ms) VALUES ('acme/api', @Id, 1, 'abc', 'completed', @Conclusion, 0);";
            await c.ExecuteAsync(Run, new[] { new { Id = "1", Conclusion = "success" }, new { Id = "2", Conclusion = "failure" }, new { Id = "3", Conclusion = "cancelled" } });
            const string Pr = "INSERT INTO pull_requests (repo, number, head_sha, head_ref, base_ref, state, merged, updated_at_ms) VALUES ('acme/api', @Number, 'abc', 'f', 'main', 'closed', @Merged, 0);";
            await c.ExecuteAsync(Pr, new[] { new { Number = 5, Merged = 1 }, new { Number = 6, Merged = 0 } });
        }
        object E(string id, int run, decimal usd, int pr) =>
            Event(id, occurredAt: "2026-03-10T10:00:00Z").With("costUsd", usd).With("repo", "acme/api").With("workflow", "claude-review").With("runId", run).With("pr", pr);
        await client.PostJsonAsync("/api/usage", Batch(E("a", 1, 2, 5), E("b", 2, 3, 5), E("c", 3, 4, 6), E("d", 4, 10, 7)));

        var answer = await client.GetJsonAsync("/api/units?groupBy=repo&from=2026-03-01&to=2026-03-11");

        var g = Assert.Single(answer.GetProperty("groups").EnumerateArray());
        Assert.Equal("acme/api", g.GetProperty("key").GetString());
        Assert.Equal((19m, 1, 2m, 2, 7m), (g.Decimal("spendUsd"), g.GetProperty("successfulRuns").GetInt32(), g.Decimal("costPerSuccessfulRunUsd"),
            g.GetProperty("failedOrCancelledRuns").GetInt32(), g.Decimal("spendOnFailedOrCancelledRunsUsd")));
        Assert.Equal((1, 5m, 1, 4m), (g.GetProperty("mergedPrs").GetInt32(), g.Decimal("costPerMergedPrUsd"),
            g.GetProperty("closedUnmergedPrs").GetInt32(), g.Decimal("spendOnClosedUnmergedPrsUsd")));
        Assert.Empty((await client.GetJsonAsync("/api/units?groupBy=workflow&from=2026-03-11&to=2026-03-12")).GetProperty("groups").EnumerateArray());
        var csv = await client.GetStringAsync(new Uri("/api/reports/spend.csv?groupBy=repo&from=2026-03-01&to=2026-03-11", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.EndsWith(",1,2.000000,2,7.000000,1,5.000000,1,4.000000", csv.Split('\n')[1], StringComparison.Ordinal);
        Assert.StartsWith("acme/api,4,4,19.000000,", csv.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitsApi_ListsEveryProblemOfTheQuery()
    {
        var response = await client.GetAsync(new Uri("/api/units?groupBy=team&from=yesterday", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("must be one of workflow, repo", body, StringComparison.Ordinal);
        Assert.Contains("must be an RFC 3339 timestamp or a yyyy-MM-dd date", body, StringComparison.Ordinal);
    }
}
