using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Dashboard;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.GitHub;

// Usage bound to its PR after it was stored (by a workflow run, a PR's head SHA or branch, or at
// ingest by correlation) moves the per-PR rollups with it: unit_spend and the dashboard's rollups stay
// what migrations 0014 and 0020 rebuild from usage_events, and the PR reads its late-bound spend.
public sealed class LateBindingRollupTests : IAsyncLifetime
{
    private const string Sha1 = "1111111111111111111111111111111111111111";
    private const string Sha2 = "2222222222222222222222222222222222222222";

    // A key whose events were all moved to a PR keeps a zero row; the rebuild has none.
    private const string UnitRows =
        "SELECT repo, pr, run_id, workflow, model, team, experiment, provider, hour_ms, events, unpriced_events, input_tokens, output_tokens, " +
        "cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, first_ms FROM unit_spend WHERE events <> 0 " +
        "ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9;";

    private readonly TestApp app = GitHubTestApp.Create();
    private HttpClient hooks = null!;
    private HttpClient usage = null!;

    public async ValueTask InitializeAsync()
    {
        hooks = app.CreateClient();
        usage = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task UsageBoundLate_MovesUnitSpendAndThePrRollup_AsTheBackfillRebuildsThem()
    {
        await usage.PostJsonAsync("/api/usage", Batch(
            Event("by-run", occurredAt: "2026-03-11T09:10:00Z").With("costUsd", 2).With("repo", "acme/api").With("inputTokens", 40).With("runId", "6001").With("workflow", "claude-review"),
            Event("by-sha", occurredAt: "2026-03-11T10:20:00Z").With("costUsd", 1.5).With("repo", "acme/api").With("outputTokens", 7).With("sha", Sha2),
            Event("by-branch", occurredAt: "2026-03-11T11:30:00Z").With("costUsd", 0.25).With("repo", "acme/api").With("branch", "feature/late"),
            Event("explicit", occurredAt: "2026-03-11T09:40:00Z").With("costUsd", 4).With("repo", "acme/api").With("pr", 3).With("runId", "6001")));
        await app.DeliverAndProcessAsync(hooks, "workflow_run", Payloads.WorkflowRun("completed", 6001, Sha1, "feature/late", [43]));
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("opened", 43, Sha1, "feature/late"));
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("synchronize", 43, Sha2, "feature/late", updatedAt: "2026-03-11T11:00:00Z"));
        // After the PR is known, usage naming only its SHA is bound in the ingest transaction.
        await usage.PostJsonAsync("/api/usage", Event("after", occurredAt: "2026-03-11T12:50:00Z").With("costUsd", 1).With("repo", "acme/api").With("sha", Sha1));

        Assert.Equal(5, await app.QueryAsync<long>("SELECT COUNT(*) FROM usage_events WHERE pr IS NOT NULL"));
        var pull = await usage.GetJsonAsync("/api/pulls/acme/api/43");
        Assert.Equal((4.75m, 4), (pull.Decimal("totalUsd"), pull.GetProperty("events").GetInt32()));
        var db = app.Get<Database>();
        var units = await RowsAsync(db, UnitRows);
        var dashboard = await DashboardRollupTests.RowsAsync(db);
        Assert.Contains(dashboard, r => r.StartsWith("pr|43||acme/api||||4750000|4|", StringComparison.Ordinal));
        Assert.Equal(4, units.Count(r => r.StartsWith("acme/api|43|", StringComparison.Ordinal)));

        // pr_unit_spend moved with it: what 0022's backfill makes of the bound unit_spend rows.
        var prUnits = await RowsAsync(db, DashboardRollupTests.PrUnitRows);
        Assert.Equal(2, prUnits.Count(r => r.StartsWith("acme/api|43|", StringComparison.Ordinal)));
        await DashboardRollupTests.RebuildPrUnitSpendAsync(db);
        Assert.Equal(prUnits, await RowsAsync(db, DashboardRollupTests.PrUnitRows));

        await DashboardRollupTests.RebuildFromEventsAsync(db);
        var migration = Migrator.Embedded(SqlDialect.Sqlite).Single(m => m.Version.StartsWith("0020", StringComparison.Ordinal)).Sql;
        var backfill = migration[migration.IndexOf("-- Backfill", StringComparison.Ordinal)..];
        await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM unit_spend;", transaction: tx);
            return await c.ExecuteAsync(backfill, transaction: tx);
        });
        Assert.Equal(units, await RowsAsync(db, UnitRows));
        Assert.Equal(dashboard, await DashboardRollupTests.RowsAsync(db));
        var rebuilt = await usage.GetJsonAsync("/api/pulls/acme/api/43");
        Assert.Equal(pull.ToString(), rebuilt.ToString());
    }

    private static async Task<List<string>> RowsAsync(Database db, string sql)
    {
        await using var c = await db.OpenAsync();
        return (await c.QueryAsync(sql)).Select(r => string.Join('|', ((IDictionary<string, object?>)r).Values)).ToList();
    }
}
