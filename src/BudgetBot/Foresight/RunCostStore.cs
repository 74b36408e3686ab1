using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Data.Common;
using BudgetBot.Storage;
using BudgetBot.Usage;
using Dapper;

namespace BudgetBot.Foresight;

internal sealed record RunCostRow(string RunKey, string Model, string? Repo, string? Workflow, long? Pr, long CostMicros, long LastMs);

// Keeps run_costs current inside the ingest transaction (one upsert per run and model in the batch),
// so estimates read the runs of their window and never rescan usage_events.
internal sealed class RunCostStore(Database db) : IUsageWriteHook
{
    internal static readonly SqlStatement Upsert = new(
        "Foresight.UpsertRunCost",
        "INSERT INTO run_costs (run_key, model, run_id, repo, workflow, pr, cost_micros, events, first_ms, last_ms) " +
        "VALUES (@RunKey, @Model, @RunId, @Repo, @Workflow, @Pr, @CostMicros, @Events, @FirstMs, @LastMs) ON CONFLICT (run_key, model) DO UPDATE SET " +
        "cost_micros = cost_micros + excluded.cost_micros, events = events + excluded.events, pr = COALESCE(pr, excluded.pr), " +
        "first_ms = MIN(first_ms, excluded.first_ms), last_ms = MAX(last_ms, excluded.last_ms);",
        "UPDATE run_costs WITH (UPDLOCK, HOLDLOCK) SET cost_micros = cost_micros + @CostMicros, events = events + @Events, pr = COALESCE(pr, @Pr), " +
        "first_ms = CASE WHEN first_ms < @FirstMs THEN first_ms ELSE @FirstMs END, last_ms = CASE WHEN last_ms > @LastMs THEN last_ms ELSE @LastMs END " +
        "WHERE run_key = @RunKey AND model = @Model; " +
        "IF @@ROWCOUNT = 0 INSERT INTO run_costs (run_key, model, run_id, repo, workflow, pr, cost_micros, events, first_ms, last_ms) " +
        "VALUES (@RunKey, @Model, @RunId, @Repo, @Workflow, @Pr, @CostMicros, @Events, @FirstMs, @LastMs);");

    // A revision's net change to a run and model that loses events (or keeps them, with a new cost):
    // never inserts, since a row it misses was pruned; a row left with no events is the model leaving the run.
    internal static readonly SqlStatement Revise = new(
        "Foresight.ReviseRunCost",
        "UPDATE run_costs SET cost_micros = cost_micros + @CostMicros, events = events + @Events WHERE run_key = @RunKey AND model = @Model; " +
        "DELETE FROM run_costs WHERE run_key = @RunKey AND model = @Model AND events <= 0;");

    internal static readonly SqlStatement Window = new(
        "Foresight.RunCostWindow",
        "SELECT run_key AS RunKey, model AS Model, repo AS Repo, workflow AS Workflow, pr AS Pr, cost_micros AS CostMicros, last_ms AS LastMs " +
        "FROM run_costs WHERE last_ms >= @FromMs AND (@Repo IS NULL OR repo = @Repo) AND (@Workflow IS NULL OR workflow = @Workflow);");

    internal static readonly SqlStatement Run = new(
        "Foresight.RunCost",
        "SELECT run_key AS RunKey, model AS Model, repo AS Repo, workflow AS Workflow, pr AS Pr, cost_micros AS CostMicros, last_ms AS LastMs " +
        "FROM run_costs WHERE run_key = @RunKey;");

    // The newest BaselineRows run-and-model rows of one workflow in the window (ix_run_costs_workflow,
    // read backwards): a bounded read however many runs the workflow has had.
    internal const int BaselineRows = 2_000;

    internal static readonly SqlStatement Baseline = new(
        "Foresight.RunCostBaseline",
        string.Create(CultureInfo.InvariantCulture, $"SELECT run_key AS RunKey, cost_micros AS CostMicros, last_ms AS LastMs FROM run_costs WHERE repo = @Repo AND workflow = @Workflow AND last_ms >= @FromMs ORDER BY last_ms DESC LIMIT {BaselineRows};"),
        string.Create(CultureInfo.InvariantCulture, $"SELECT TOP ({BaselineRows}) run_key AS RunKey, cost_micros AS CostMicros, last_ms AS LastMs FROM run_costs WHERE repo = @Repo AND workflow = @Workflow AND last_ms >= @FromMs ORDER BY last_ms DESC;"));

    public async Task OnInsertedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> inserted, long nowMs, CancellationToken ct)
    {
        await using var upsert = PreparedCommand.Create(db, c, tx, Upsert, ("RunKey", DbType.String), ("Model", DbType.String), ("RunId", DbType.String),
            ("Repo", DbType.String), ("Workflow", DbType.String), ("Pr", DbType.Int32), ("CostMicros", DbType.Int64), ("Events", DbType.Int64),
            ("FirstMs", DbType.Int64), ("LastMs", DbType.Int64));
        foreach (var d in RunCostDelta.Of(inserted))
        {
            ct.ThrowIfCancellationRequested();
            await upsert.ExecuteAsync(d.RunKey, d.Model, d.RunId, d.Repo, d.Workflow, d.Pr, d.CostMicros, d.Events, d.FirstMs, d.LastMs);
            // Usage for a run some kept baseline already counts as finished changes that run's cost.
            if (d.Repo is not null && d.Workflow is not null && baselines.TryGetValue((d.Repo, d.Workflow), out var kept) && kept.Runs.ContainsKey(d.RunKey))
            {
                Changed(d.Repo, d.Workflow);
            }
        }
    }

    // Before out, After in (RunCostDelta of each, netted per run and model): a repricing moves an event's
    // cost from its raw model to the catalog's name, a remainder changes its cost in place.
    public async Task OnRevisedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<UsageRevision> revised, long nowMs, CancellationToken ct)
    {
        foreach (var d in RunCostDelta.Net(revised))
        {
            await c.ExecuteAsync(new CommandDefinition(db.Sql(d.Events > 0 ? Upsert : Revise), d, tx, cancellationToken: ct));
            Changed(d.Repo, d.Workflow);
        }
    }

    // One run's cost per model.
    public async Task<IReadOnlyList<RunCostRow>> RunAsync(string runKey, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<RunCostRow>(new CommandDefinition(db.Sql(Run), new { RunKey = runKey }, cancellationToken: ct)), ct)).ToList();

    // The cost of each run of the workflow in the repository that ended in [fromMs, now] and has been
    // quiet since (RunEstimates.QuietMs), by run key: the baseline an anomaly is judged against, each
    // run then judged without itself. At most the newest BaselineRows rows are read (500 to 2,000 runs
    // as runs use 4 models or 1), so the read costs the same on a workflow with a million runs in the
    // window; the oldest run of a full read may be cut short by the limit, so it is left out.
    // A workflow's finished runs are kept for BaselineReuseMs: every stored batch touches its
    // workflows, and re-reading their windows each time was a fifth of ingesting it. A run joins a
    // kept baseline at the first read after it went quiet (30 minutes after its last usage), so within
    // a minute; a run stored already quiet (a backfill, usage reported late) joins the same way. Usage
    // this instance stores for a run the kept rows count as finished, and every revision, drops the
    // workflow's rows at once; another instance's such writes wait out the minute.
    public async Task<IReadOnlyDictionary<string, long>> FinishedRunCostsAsync(string repo, string workflow, long fromMs, long nowMs, CancellationToken ct)
    {
        var key = (repo, workflow);
        var generation = generations.GetValueOrDefault(key);
        if (!baselines.TryGetValue(key, out var kept) || kept.Generation != generation || kept.FromMs > fromMs
            || nowMs - kept.ReadAtMs >= BaselineReuseMs || nowMs < kept.ReadAtMs)
        {
            var rows = (await db.ReadAsync(c => c.QueryAsync<(string RunKey, long CostMicros, long LastMs)>(new CommandDefinition(db.Sql(Baseline),
                new { FromMs = fromMs, Repo = repo, Workflow = workflow }, cancellationToken: ct)), ct)).AsList();
            var cut = rows.Count == BaselineRows ? rows[^1].RunKey : null;
            // Only runs already quiet when read: one that goes quiet later waits for the next read.
            kept = new KeptBaseline(nowMs, fromMs, generation, rows.Where(r => r.RunKey != cut).GroupBy(r => r.RunKey, StringComparer.Ordinal)
                .Select(g => (RunKey: g.Key, Cost: g.Sum(r => r.CostMicros), LastMs: g.Max(r => r.LastMs)))
                .Where(r => r.LastMs <= nowMs - RunEstimates.QuietMs)
                .ToDictionary(r => r.RunKey, r => (r.Cost, r.LastMs), StringComparer.Ordinal));
            baselines[key] = kept;
        }
        return kept.Runs.Where(r => r.Value.LastMs >= fromMs).ToDictionary(r => r.Key, r => r.Value.Cost, StringComparer.Ordinal);
    }

    internal const long BaselineReuseMs = 60_000;

    private readonly ConcurrentDictionary<(string Repo, string Workflow), KeptBaseline> baselines = new();
    private readonly ConcurrentDictionary<(string Repo, string Workflow), long> generations = new();

    private void Changed(string? repo, string? workflow)
    {
        if (repo is not null && workflow is not null)
        {
            generations.AddOrUpdate((repo, workflow), 1, (_, g) => g + 1);
        }
    }

    private sealed record KeptBaseline(long ReadAtMs, long FromMs, long Generation, Dictionary<string, (long Cost, long LastMs)> Runs);

    // Rows of runs whose latest usage falls in [fromMs, now]; either filter may be null for "any".
    public async Task<IReadOnlyList<RunCostRow>> WindowAsync(long fromMs, string? repo, string? workflow, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<RunCostRow>(new CommandDefinition(db.Sql(Window), new { FromMs = fromMs, Repo = repo, Workflow = workflow }, cancellationToken: ct)), ct)).ToList();
}
