using BudgetBot.Foresight;
using BudgetBot.Budgets;
using BudgetBot.Alerts;
using BudgetBot.GitHub;
using BudgetBot.Dashboard;
using BudgetBot.Slack;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Usage;
using Dapper;

namespace BudgetBot.Tests.Storage;

// The reads over usage (alerts, digests, reports) and the rows GitHub and Slack deliveries keep.
public abstract partial class StoreContract<TProvider>
{
    private async Task IngestSpreadAsync()
    {
        var at = TestApp.Start.AddHours(-2);
        await Ingestor().IngestAsync([
            Event("p1", 1m, runId: "7001", at: at) with { Pr = 42 },
            Event("p2", 2m, runId: "7002", at: at.AddMinutes(30)) with { Pr = 42, Workflow = "triage-bot" },
            Event("p3", 4m, runId: "7001", at: at.AddMinutes(60)) with { Pr = 42, Experiment = "try-o3" },
            Event("web", 0.5m, runId: "8001", at: at.AddMinutes(60)) with { Repo = "acme/web" },
            Event("unpriced", 0m, at: at.AddMinutes(90)) with { CostUsd = null, Model = "mystery-model", Experiment = "try-o3" },
        ]);
    }

    [Fact]
    public async Task AlertQueries_SumSpendOfAPrAndARun_SinceAnInstant()
    {
        await IngestSpreadAsync();
        var queries = new AlertQueries(Db);
        var since = TestApp.Start.AddHours(-2);

        Assert.Equal(6_000_000, await queries.PrSpendSinceAsync("Acme/API", 42, since, Ct));
        Assert.Equal(4_000_000, await queries.RunSpendSinceAsync("acme/api", "7001", since, Ct));
        Assert.Equal(0, await queries.PrSpendSinceAsync("acme/api", 43, since, Ct));
        Assert.Equal(
            [("platform", "claude-review", 5_000_000L), ("platform", "triage-bot", 2_000_000L)],
            (await queries.PrWorkflowsAsync("acme/api", 42, Ct)).OrderBy(w => w.Workflow, StringComparer.Ordinal));
        var team = await queries.TeamWorkflowsAsync("platform", since, TestApp.Start, Ct);
        Assert.Equal([("claude-review", 5_000_000L, 1L), ("triage-bot", 2_000_000L, 1L)],
            team.OrderBy(w => w.Workflow, StringComparer.Ordinal).Select(w => (w.Workflow, w.CostMicros, w.Runs)));
    }

    [Theory]
    [InlineData("org", 1)]
    [InlineData("team:platform", 1)]
    [InlineData("team:growth", 0)]
    [InlineData("repo:acme/api", 1)]
    [InlineData("workflow:claude-review", 1)]
    [InlineData("experiment:try-o3", 1)]
    [InlineData("experiment:other", 0)]
    public async Task AlertQueries_ListUnpricedModelsPerScope(string scope, int expected)
    {
        await IngestSpreadAsync();

        var models = await new AlertQueries(Db).UnpricedModelsAsync(BudgetScope.Parse(scope), TestApp.Start.AddDays(-1), TestApp.Start, Ct);

        Assert.Equal(expected == 0 ? Array.Empty<(string, long)>() : [("mystery-model", 1L)], models.Select(m => (m.Model, m.Events)));
    }

    [Theory]
    [InlineData("team", "platform")]
    [InlineData("repo", "acme/api")]
    [InlineData("workflow", "claude-review")]
    [InlineData("model", "claude-haiku-4-5")]
    [InlineData("pr", "acme/api#42")]
    [InlineData("day", "2026-03-11")]
    public async Task SpendCube_GroupsByEachColumn(string group, string firstKey)
    {
        await IngestSpreadAsync();

        var query = new SpendSeriesQuery(default, default, group == "day" ? "day" : SpendSeriesQuery.NoBucket, group == "day" ? [] : [group],
            new Dictionary<string, string>()) { Start = TestApp.Start.AddDays(-1), End = TestApp.Start };
        var csv = SpendCsv.Report(await new SpendCube(Db, StaticPolicy.Default).ReadAsync(query, Ct, countRuns: true), TimeZoneInfo.Utc);

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(group + ",events,runs,costUsd,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(firstKey + ",", lines[1], StringComparison.Ordinal);
        Assert.Equal(5, lines.Skip(1).Sum(l => int.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task SlackEvent_IsSeenOnce()
    {
        var args = new { EventId = "Ev0PV52K25", Now = Clock.GetUtcNow().ToUnixTimeMilliseconds() };
        await Db.WriteAsync((c, tx) => c.ExecuteAsync(Db.Sql(SlackEndpoints.SeenEvent), args, tx), Ct);

        var again = await Record.ExceptionAsync(() => Db.WriteAsync((c, tx) => c.ExecuteAsync(Db.Sql(SlackEndpoints.SeenEvent), args, tx), Ct));

        Assert.True(again is not null && Constraints.IsDuplicateKey(again), $"expected a duplicate key, got {again}");
    }

    [Fact]
    public async Task PullRequest_RowIsStoredUpdatedAndReadBack_AndHeadShasBindLateUsage()
    {
        var row = new PullRequest("acme/api", 42, 7, "a1b2", "feature", "acme/api", "main", "open", false, null, "Add reviewer", "octocat", 1);
        await Ingestor().IngestAsync([Event("early", 3m) with { Sha = "a1b2" }, Event("other-sha", 5m) with { Sha = "ffff" }]);

        await Db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(Db.Sql(PullRequestHandler.Insert), row, tx);
            await c.ExecuteAsync(Db.Sql(PullRequestHandler.Update), row with { State = "closed", Merged = true, MergedAtMs = 5, UpdatedAtMs = 5 }, tx);
            for (var i = 0; i < 2; i++)
            {
                await c.ExecuteAsync(Db.Sql(PullRequestHandler.AddHeadSha), new { row.Repo, Sha = row.HeadSha, row.Number, Now = 1L }, tx);
            }
        }, Ct);
        var bound = await Db.WriteAsync((c, tx) => c.ExecuteAsync(Db.Sql(LateUsageBinding.BindByShas), new { row.Repo, row.Number }, tx), Ct);

        var stored = await Db.WriteAsync((c, tx) => c.QuerySingleAsync<PullRequest>(Db.Sql(PullRequestHandler.Find), new { row.Repo, row.Number }, tx), Ct);
        Assert.Equal(row with { State = "closed", Merged = true, MergedAtMs = 5, UpdatedAtMs = 5 }, stored);
        Assert.Equal(1, await Db.ReadAsync(c => c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM pr_head_shas;"), Ct));
        Assert.Equal(1, bound);
        Assert.Equal(3_000_000, await new AlertQueries(Db).PrSpendSinceAsync("acme/api", 42, TestApp.Start.AddDays(-1), Ct));
    }
}
