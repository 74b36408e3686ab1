using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.GitHub;

// Reads one PR's spend from the unit_spend rollup (grouped in SQL, folded in PrSpendAggregator), the
// budgets it draws on, and the repository's merged-PR figures from the per-PR rollup. Merged state
// comes from the correlation index (IPullRequestDirectory).
internal sealed class PrSpendReader(Database db, BudgetStatusService budgets, IPolicyProvider policy, IPullRequestDirectory directory)
{
    // The comparison looks at the most recent PRs of the repo only, so rendering stays cheap.
    internal const int MergedSample = 200;

    private static readonly string Sums =
        SqlSum.Of("input_tokens") + " AS Input, " + SqlSum.Of("output_tokens") + " AS Output, " + SqlSum.Of("cache_read_tokens") + " AS CacheRead, " +
        SqlSum.Of("cache_write_5m_tokens") + " AS CacheWrite5m, " + SqlSum.Of("cache_write_1h_tokens") + " AS CacheWrite1h, " + SqlSum.Of("cost_micros") + " AS CostMicros, " +
        SqlSum.Of("events") + " AS Events, " + SqlSum.Of("unpriced_events") + " AS Unpriced, MIN(first_ms) AS FirstMs " +
        "FROM unit_spend WHERE repo = @Repo AND pr = @Pr AND events <> 0 GROUP BY run_id, workflow, model, team, experiment;";

    // The PR's unit_spend rows (kept in the write transaction by Dashboard's rollups, late PR binding
    // included), never its events: the read costs the same at 10,000 and 1,000,000 events. '' stands
    // for an absent run, workflow or experiment; a key whose events were all moved away (repricing)
    // keeps a zero row, which the comment must not show.
    internal static readonly SqlStatement Rows = new(
        "GitHub.PrSpend.Rows",
        "SELECT NULLIF(run_id, '') AS RunId, NULLIF(workflow, '') AS Workflow, model AS Model, team AS Team, NULLIF(experiment, '') AS Experiment, " + Sums);

    // The repository's other PRs' totals from the per-PR rollup.
    internal static readonly SqlStatement RepoTotals = new(
        "GitHub.PrSpend.RepoTotals",
        "SELECT pr AS Pr, cost_micros AS Micros FROM dashboard_pr_spend WHERE repo = @Repo AND pr <> @Pr ORDER BY pr DESC LIMIT @Limit;",
        "SELECT TOP (@Limit) CAST(pr AS BIGINT) AS Pr, cost_micros AS Micros FROM dashboard_pr_spend WHERE repo = @Repo AND pr <> @Pr ORDER BY pr DESC;");

    public async Task<PrSpend> ReadAsync(string repo, int number, CancellationToken ct)
    {
        repo = repo.ToLowerInvariant();
        var rows = await db.ReadAsync(async c =>
            (await c.QueryAsync<PrUsageRow>(db.Sql(Rows), new { Repo = repo, Pr = number })).ToList(), ct);
        var scopes = PrSpendAggregator.Scopes(repo, rows, policy.Current.ResolveTeam(repo));
        var statuses = (await budgets.InScopesAsync(scopes, ct)).ToList();
        return PrSpendAggregator.Aggregate(repo, number, rows, statuses, await MergedAsync(repo, number, ct)) with
        {
            Routing = PrRoutingNote.Of(rows, policy.Current),
        };
    }

    private async Task<MergedPrStats?> MergedAsync(string repo, int number, CancellationToken ct)
    {
        var totals = await db.ReadAsync(async c =>
            (await c.QueryAsync<(long Pr, long Micros)>(db.Sql(RepoTotals), new { Repo = repo, Pr = number, Limit = MergedSample })).ToList(), ct);
        var merged = await directory.MergedAmongAsync(repo, totals.Select(t => (int)t.Pr).ToList(), ct);
        return MergedPrStats.From(totals.Where(t => merged.Contains((int)t.Pr)).Select(t => t.Micros).ToList());
    }
}

// One (run, workflow, model, team, experiment) group of a PR's usage events.
internal sealed class PrUsageRow
{
    public string? RunId { get; init; }
    public string? Workflow { get; init; }
    public string Model { get; init; } = "";
    public string Team { get; init; } = "";
    public string? Experiment { get; init; }
    public long Events { get; init; }
    public long Input { get; init; }
    public long Output { get; init; }
    public long CacheRead { get; init; }
    public long CacheWrite5m { get; init; }
    public long CacheWrite1h { get; init; }
    public long CostMicros { get; init; }
    public long Unpriced { get; init; }
    public long FirstMs { get; init; }

    public long Tokens => Input + Output + CacheRead + CacheWrite5m + CacheWrite1h;
}
