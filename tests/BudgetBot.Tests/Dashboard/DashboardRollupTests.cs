using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Dashboard;

// The dashboard's rollups as ingestion keeps them, and the migration's backfill, which must rebuild
// exactly the same rows from usage_events for a deployment that has history before 0014.
public sealed class DashboardRollupTests : IAsyncLifetime
{
    private const string Tables = "SELECT 'spend', hour_ms, team, repo, workflow, model, provider, cost_micros, events, unpriced_events FROM dashboard_spend " +
        "UNION ALL SELECT 'pr', pr, '', repo, '', '', '', cost_micros, events, last_ms FROM dashboard_pr_spend ORDER BY 1, 2, 3, 4, 5, 6, 7;";

    private readonly TestApp app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Ingestion_RollsUpPerHourDimensionAndPr_AndTheBackfillRebuildsTheSameRows()
    {
        var api = await app.ClientWithScopesAsync(Scopes.Ingest);
        await api.PostJsonAsync("/api/usage", Batch(
            Event("a", occurredAt: "2026-03-09T10:05:00Z").With("costUsd", 3).With("repo", "Acme/API").With("pr", 7).With("workflow", "claude-review").With("runId", "11").With("provider", "anthropic"),
            Event("b", occurredAt: "2026-03-09T10:55:00Z").With("costUsd", 2).With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review").With("runId", "11").With("provider", "anthropic"),
            Event("c", model: "mystery-model", occurredAt: "2026-03-09T11:00:00Z").With("repo", "acme/web").With("runId", "12")));
        await api.PostJsonAsync("/api/usage", Event("a", occurredAt: "2026-03-09T10:05:00Z").With("costUsd", 3).With("repo", "acme/api"));
        var db = app.Get<Database>();
        var kept = await RowsAsync(db);

        Assert.Equal(
        [
            "pr|7||acme/api||||5000000|2|1773053700000",
            "spend|1773050400000|platform|acme/api|claude-review|claude-sonnet-4-5|anthropic|5000000|2|0",
            "spend|1773054000000|growth|acme/web||mystery-model||0|1|1",
        ], kept);

        await RebuildFromEventsAsync(db);
        Assert.Equal(kept, await RowsAsync(db));
    }

    // What migration 0014's backfill makes of usage_events: the rollups a hook keeps must equal it.
    internal static async Task RebuildFromEventsAsync(Database db)
    {
        var migration = Migrator.Embedded(SqlDialect.Sqlite).Single(m => m.Version.StartsWith("0014", StringComparison.Ordinal)).Sql;
        // Without its last statement, which filled dashboard_run_spend: 0026 dropped that table.
        var backfill = migration[migration.IndexOf("-- Backfill", StringComparison.Ordinal)..migration.IndexOf("INSERT INTO dashboard_run_spend", StringComparison.Ordinal)];
        await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM dashboard_spend; DELETE FROM dashboard_pr_spend;", transaction: tx);
            return await c.ExecuteAsync(backfill, transaction: tx);
        });
    }

    [Fact]
    public async Task UnitSpend_AndSpendTokens_AreKeptAtIngest_AndThe0020BackfillRebuildsTheSameRows()
    {
        var api = await app.ClientWithScopesAsync(Scopes.Ingest);
        await api.PostJsonAsync("/api/usage", Batch(
            Event("a", occurredAt: "2026-03-09T10:05:00Z").With("costUsd", 3).With("inputTokens", 100).With("cacheWrite1hTokens", 7)
                .With("repo", "Acme/API").With("pr", 7).With("workflow", "claude-review").With("runId", "11").With("experiment", "try-o3"),
            Event("b", occurredAt: "2026-03-09T10:55:00Z").With("costUsd", 2).With("outputTokens", 50).With("cacheWrite5mTokens", 3)
                .With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review").With("runId", "11"),
            Event("c", occurredAt: "2026-03-09T11:10:00Z").With("costUsd", 1).With("cacheReadTokens", 9).With("repo", "acme/api").With("pr", 7),
            Event("d", model: "mystery-model", occurredAt: "2026-03-09T11:00:00Z").With("repo", "acme/web").With("runId", "12"),
            Event("e", occurredAt: "2026-03-09T12:00:00Z").With("costUsd", 5).With("repo", "acme/web")));
        var db = app.Get<Database>();
        var kept = await RowsAsync(db, UnitTables);

        Assert.Equal(
        [
            "spend|1773050400000|platform|acme/api|100|50|0|10",
            "spend|1773054000000|growth|acme/web|0|0|0|0",
            "spend|1773054000000|platform|acme/api|0|0|9|0",
            "spend|1773057600000|growth|acme/web|0|0|0|0",
            "unit|acme/api|7|||claude-sonnet-4-5|platform||anthropic|1773054000000|1|0|0|0|9|0|0|1000000|1773054600000",
            "unit|acme/api|7|11|claude-review|claude-sonnet-4-5|platform||anthropic|1773050400000|1|0|0|50|0|3|0|2000000|1773053700000",
            "unit|acme/api|7|11|claude-review|claude-sonnet-4-5|platform|try-o3|anthropic|1773050400000|1|0|100|0|0|0|7|3000000|1773050700000",
            "unit|acme/web|0|12||mystery-model|growth|||1773054000000|1|1|0|0|0|0|0|0|1773054000000",
        ], kept);

        var migration = Migrator.Embedded(SqlDialect.Sqlite).Single(m => m.Version.StartsWith("0020", StringComparison.Ordinal)).Sql;
        var backfill = migration[migration.IndexOf("-- Backfill", StringComparison.Ordinal)..];
        await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM unit_spend; UPDATE dashboard_spend SET input_tokens = 0, output_tokens = 0;", transaction: tx);
            return await c.ExecuteAsync(backfill, transaction: tx);
        });
        Assert.Equal(kept, await RowsAsync(db, UnitTables));
    }

    [Fact]
    public async Task PrUnitSpend_IsKeptAtIngestPerPrKey_AndThe0022BackfillRebuildsItFromUnitSpend()
    {
        var api = await app.ClientWithScopesAsync(Scopes.Ingest);
        await api.PostJsonAsync("/api/usage", Batch(
            Event("a", occurredAt: "2026-03-09T10:05:00Z").With("costUsd", 3).With("inputTokens", 100).With("cacheWrite1hTokens", 7)
                .With("repo", "Acme/API").With("pr", 7).With("workflow", "claude-review").With("runId", "11").With("provider", "anthropic"),
            Event("b", occurredAt: "2026-03-09T11:55:00Z").With("costUsd", 2).With("outputTokens", 50).With("cacheWrite5mTokens", 3)
                .With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review").With("runId", "11"),
            Event("c", occurredAt: "2026-03-09T11:10:00Z").With("costUsd", 1).With("cacheReadTokens", 9).With("repo", "acme/api").With("pr", 7),
            Event("d", model: "mystery-model", occurredAt: "2026-03-09T11:00:00Z").With("repo", "acme/web").With("runId", "12")));
        await api.PostJsonAsync("/api/usage", Event("e", occurredAt: "2026-03-09T09:30:00Z").With("costUsd", 4).With("experiment", "try-o3")
            .With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review").With("runId", "11"));
        var db = app.Get<Database>();
        var kept = await RowsAsync(db, PrUnitRows);

        // Run 11's two hours and two providers are one row; the run without a PR has none.
        Assert.Equal(
        [
            "acme/api|7|||claude-sonnet-4-5|platform||1|0|0|0|9|0|0|1000000|1773054600000",
            "acme/api|7|11|claude-review|claude-sonnet-4-5|platform||2|0|100|50|0|3|7|5000000|1773050700000",
            "acme/api|7|11|claude-review|claude-sonnet-4-5|platform|try-o3|1|0|0|0|0|0|0|4000000|1773048600000",
        ], kept);

        await RebuildPrUnitSpendAsync(db);
        Assert.Equal(kept, await RowsAsync(db, PrUnitRows));
    }

    internal const string PrUnitRows =
        "SELECT repo, pr, run_id, workflow, model, team, experiment, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens, " +
        "cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, first_ms FROM pr_unit_spend ORDER BY 1, 2, 3, 4, 5, 6, 7;";

    // What migration 0022's backfill makes of unit_spend: the rows ingestion keeps must equal it.
    internal static async Task RebuildPrUnitSpendAsync(Database db)
    {
        var migration = Migrator.Embedded(SqlDialect.Sqlite).Single(m => m.Version.StartsWith("0022", StringComparison.Ordinal)).Sql;
        var backfill = migration[migration.IndexOf("-- Backfill", StringComparison.Ordinal)..];
        await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM pr_unit_spend;", transaction: tx);
            return await c.ExecuteAsync(backfill, transaction: tx);
        });
    }

    private const string UnitTables =
        "SELECT 'spend', hour_ms, team, repo, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, '', '', '', '', '', '', '', '', '', '', '' " +
        "FROM dashboard_spend UNION ALL SELECT 'unit', repo, pr, run_id, workflow, model, team, experiment, provider, hour_ms, events, unpriced_events, " +
        "input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, first_ms FROM unit_spend " +
        "ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;";

    internal static async Task<List<string>> RowsAsync(Database db, string tables = Tables)
    {
        await using var c = await db.OpenAsync();
        return (await c.QueryAsync(tables)).Select(r => string.Join('|', ((IDictionary<string, object?>)r).Values).TrimEnd('|')).ToList();
    }
}
