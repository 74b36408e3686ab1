using System.Data;
using System.Data.Common;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.GitHub;

// Reads one PR's spend from the pr_unit_spend rollup (folded in PrSpendAggregator), the budgets it
// draws on, and the repository's merged-PR figures from the per-PR rollup. Merged state comes from
// the correlation index (IPullRequestDirectory). One connection serves the whole read.
internal sealed class PrSpendReader(Database db, BudgetStatusService budgets, IPolicyProvider policy, IPullRequestDirectory directory)
{
    // The comparison looks at the most recent PRs of the repo only, so rendering stays cheap.
    internal const int MergedSample = 200;

    // The PR's pr_unit_spend rows as stored (kept in the write transaction by Dashboard's rollups, late
    // PR binding included), never its events nor a GROUP BY: the read costs the same at 10,000 and
    // 1,000,000 events and follows the PR's runs and models. '' stands for an absent run, workflow or
    // experiment; a key whose events were all moved away (repricing) keeps a zero row, which the
    // comment must not show. The order is the key's, so equal runs always list alike.
    internal static readonly SqlStatement Rows = new(
        "GitHub.PrSpend.Rows",
        "SELECT run_id, workflow, model, team, experiment, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, " +
        "cache_write_1h_tokens, cost_micros, events, unpriced_events, first_ms FROM pr_unit_spend " +
        "WHERE repo = @Repo AND pr = @Pr AND events <> 0 ORDER BY run_id, workflow, model, team, experiment;");

    // The repository's other PRs' totals from the per-PR rollup.
    internal static readonly SqlStatement RepoTotals = new(
        "GitHub.PrSpend.RepoTotals",
        "SELECT pr AS Pr, cost_micros AS Micros FROM dashboard_pr_spend WHERE repo = @Repo AND pr <> @Pr ORDER BY pr DESC LIMIT @Limit;",
        "SELECT TOP (@Limit) CAST(pr AS BIGINT) AS Pr, cost_micros AS Micros FROM dashboard_pr_spend WHERE repo = @Repo AND pr <> @Pr ORDER BY pr DESC;");

    public async Task<PrSpend> ReadAsync(string repo, int number, CancellationToken ct)
    {
        repo = repo.ToLowerInvariant();
        var p = policy.Current;
        await using var c = await db.OpenAsync(ct);
        var rows = await RowsAsync(c, repo, number);
        var statuses = await budgets.InScopesAsync(c, PrSpendAggregator.Scopes(repo, rows, p.ResolveTeam(repo)), ct);
        var totals = (await c.QueryAsync<(long Pr, long Micros)>(new CommandDefinition(
            db.Sql(RepoTotals), new { Repo = repo, Pr = number, Limit = MergedSample }, cancellationToken: ct))).ToList();
        var merged = await directory.MergedAmongAsync(repo, totals.Select(t => (int)t.Pr).ToList(), ct);
        var stats = MergedPrStats.From(totals.Where(t => merged.Contains((int)t.Pr)).Select(t => t.Micros).ToList());
        return PrSpendAggregator.Aggregate(repo, number, rows, statuses, stats) with { Routing = PrRoutingNote.Of(rows, p) };
    }

    // Read by ordinal with typed getters rather than mapped by Dapper: this is the one query whose
    // rows follow the PR's runs (400 runs: 400 rows of 14 columns), and its cost is mostly per value
    // (docs/BENCHMARKS.md), so on SQLite it reads straight from the statement (PreparedCommand).
    private async Task<List<PrUsageRow>> RowsAsync(DbConnection c, string repo, int number)
    {
        await using var rows = PreparedCommand.Create(db, c, null, Rows, ("Repo", DbType.String), ("Pr", DbType.Int32));
        return await rows.ReadAsync(r => new PrUsageRow
        {
            RunId = NullIfEmpty(r.GetString(0)),
            Workflow = NullIfEmpty(r.GetString(1)),
            Model = r.GetString(2),
            Team = r.GetString(3),
            Experiment = NullIfEmpty(r.GetString(4)),
            Input = r.GetInt64(5),
            Output = r.GetInt64(6),
            CacheRead = r.GetInt64(7),
            CacheWrite5m = r.GetInt64(8),
            CacheWrite1h = r.GetInt64(9),
            CostMicros = r.GetInt64(10),
            Events = r.GetInt64(11),
            Unpriced = r.GetInt64(12),
            FirstMs = r.GetInt64(13),
        }, repo, number);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
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
