using System.Data;
using System.Data.Common;
using BudgetBot.Storage;
using Dapper;
using BudgetBot.Budgets;

namespace BudgetBot.Usage;

// Insert-first idempotency: the unique (source, event_id) key decides what is a duplicate.
internal sealed class UsageStore(Database db)
{
    private const string Columns =
        "source, event_id, occurred_at_ms, received_at_ms, model, model_raw, provider, input_tokens, output_tokens, cache_read_tokens, " +
        "cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, reported_cost_micros, list_cost_micros, unpriced, repo, pr, " +
        "branch, sha, run_id, run_attempt, job_id, workflow, actor, team, experiment";

    private const string Values =
        "@Source, @EventId, @OccurredAtMs, @ReceivedAtMs, @Model, @ModelRaw, @Provider, @InputTokens, @OutputTokens, @CacheReadTokens, " +
        "@CacheWrite5mTokens, @CacheWrite1hTokens, @CostMicros, @ReportedCostMicros, @ListCostMicros, @Unpriced, @Repo, @Pr, " +
        "@Branch, @Sha, @RunId, @RunAttempt, @JobId, @Workflow, @Actor, @Team, @Experiment";

    internal static readonly SqlStatement Insert = new(
        "Usage.Insert",
        $"INSERT INTO usage_events ({Columns}) VALUES ({Values}) ON CONFLICT (source, event_id) DO NOTHING;",
        $"INSERT INTO usage_events ({Columns}) SELECT {Values} WHERE NOT EXISTS " +
        "(SELECT 1 FROM usage_events WITH (UPDLOCK, HOLDLOCK) WHERE source = @Source AND event_id = @EventId);");

    internal static readonly SqlStatement UpsertRollup = new(
        "Usage.UpsertRollup",
        "INSERT INTO spend_rollups (scope, hour_ms, cost_micros, events, unpriced_events) " +
        "VALUES (@Scope, @HourMs, @CostMicros, @Events, @UnpricedEvents) ON CONFLICT (scope, hour_ms) DO UPDATE SET " +
        "cost_micros = cost_micros + excluded.cost_micros, events = events + excluded.events, " +
        "unpriced_events = unpriced_events + excluded.unpriced_events;",
        "UPDATE spend_rollups WITH (UPDLOCK, HOLDLOCK) SET cost_micros = cost_micros + @CostMicros, events = events + @Events, " +
        "unpriced_events = unpriced_events + @UnpricedEvents WHERE scope = @Scope AND hour_ms = @HourMs; " +
        "IF @@ROWCOUNT = 0 INSERT INTO spend_rollups (scope, hour_ms, cost_micros, events, unpriced_events) " +
        "VALUES (@Scope, @HourMs, @CostMicros, @Events, @UnpricedEvents);");

    internal static readonly SqlStatement ReleaseReservations = new(
        "Usage.ReleaseReservations",
        "UPDATE reservations SET released_at_ms = @Now WHERE run_id = @RunId AND released_at_ms IS NULL;");

    public async Task<bool> InsertAsync(DbConnection c, DbTransaction tx, PricedUsage p, long receivedAtMs) =>
        (await InsertAllAsync(c, tx, [p], receivedAtMs)).Count == 1;

    // The rows the key did not already hold, in order. One command is prepared and rebound for the
    // whole batch: SQLite then compiles the 27-column insert once per batch instead of once per event
    // (a fresh Dapper command per row was a third of ingesting a batch).
    public async Task<List<PricedUsage>> InsertAllAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> rows, long receivedAtMs)
    {
        var inserted = new List<PricedUsage>(rows.Count);
        if (rows.Count == 0)
        {
            return inserted;
        }
        await using var command = PreparedCommand.Create(db, c, tx, Insert, Parameters);
        foreach (var p in rows)
        {
            try
            {
                if (await command.ExecuteAsync(Row(p, receivedAtMs)) == 1)
                {
                    inserted.Add(p);
                }
            }
            catch (Exception ex) when (Constraints.IsDuplicateKey(ex))
            {
                // Two writers raced past NOT EXISTS: the key says the event is already stored.
            }
        }
        return inserted;
    }

    // In the order of Values; each bound from Row.
    private static readonly (string Name, DbType Type)[] Parameters =
    [
        ("Source", DbType.String), ("EventId", DbType.String), ("OccurredAtMs", DbType.Int64), ("ReceivedAtMs", DbType.Int64),
        ("Model", DbType.String), ("ModelRaw", DbType.String), ("Provider", DbType.String), ("InputTokens", DbType.Int64),
        ("OutputTokens", DbType.Int64), ("CacheReadTokens", DbType.Int64), ("CacheWrite5mTokens", DbType.Int64),
        ("CacheWrite1hTokens", DbType.Int64), ("CostMicros", DbType.Int64), ("ReportedCostMicros", DbType.Int64),
        ("ListCostMicros", DbType.Int64), ("Unpriced", DbType.Int32), ("Repo", DbType.String), ("Pr", DbType.Int32),
        ("Branch", DbType.String), ("Sha", DbType.String), ("RunId", DbType.String), ("RunAttempt", DbType.Int32),
        ("JobId", DbType.String), ("Workflow", DbType.String), ("Actor", DbType.String), ("Team", DbType.String),
        ("Experiment", DbType.String),
    ];

    private static object?[] Row(PricedUsage p, long receivedAtMs)
    {
        var e = p.Event;
        return
        [
            e.Source, e.Id, e.OccurredAt.ToUnixTimeMilliseconds(), receivedAtMs, p.CanonicalModel, e.Model, e.Provider ?? p.InferredProvider,
            e.InputTokens, e.OutputTokens, e.CacheReadTokens, e.CacheWrite5mTokens, e.CacheWrite1hTokens, p.CostMicros,
            p.ReportedCostMicros, p.ListCostMicros, p.Unpriced ? 1 : 0, e.Repo, e.Pr, e.Branch, e.Sha, e.RunId, e.RunAttempt, e.JobId,
            e.Workflow, e.Actor, p.Team, e.Experiment,
        ];
    }

    public async Task ApplyRollupsAsync(DbConnection c, DbTransaction tx, IEnumerable<RollupDelta> deltas)
    {
        // A fixed order keeps concurrent batches from deadlocking on SQL Server.
        await using var upsert = PreparedCommand.Create(db, c, tx, UpsertRollup,
            ("Scope", DbType.String), ("HourMs", DbType.Int64), ("CostMicros", DbType.Int64), ("Events", DbType.Int64), ("UnpricedEvents", DbType.Int64));
        foreach (var d in RollupDelta.Combine(deltas).OrderBy(d => d.Scope, StringComparer.Ordinal).ThenBy(d => d.HourMs))
        {
            await upsert.ExecuteAsync(d.Scope, d.HourMs, d.CostMicros, d.Events, d.UnpricedEvents);
        }
    }

    public async Task ReleaseReservationsAsync(DbConnection c, DbTransaction tx, IEnumerable<string> runIds, long nowMs)
    {
        var distinct = runIds.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return;
        }
        await using var release = PreparedCommand.Create(db, c, tx, ReleaseReservations, ("RunId", DbType.String), ("Now", DbType.Int64));
        foreach (var runId in distinct)
        {
            await release.ExecuteAsync(runId, nowMs);
        }
    }
}
