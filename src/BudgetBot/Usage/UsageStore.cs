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

    public async Task<bool> InsertAsync(DbConnection c, DbTransaction tx, PricedUsage p, long receivedAtMs)
    {
        var e = p.Event;
        var row = new
        {
            e.Source, EventId = e.Id, OccurredAtMs = e.OccurredAt.ToUnixTimeMilliseconds(), ReceivedAtMs = receivedAtMs,
            Model = p.CanonicalModel, ModelRaw = e.Model, Provider = e.Provider ?? p.InferredProvider, e.InputTokens, e.OutputTokens, e.CacheReadTokens, e.CacheWrite5mTokens, e.CacheWrite1hTokens,
            p.CostMicros, p.ReportedCostMicros, p.ListCostMicros, Unpriced = p.Unpriced ? 1 : 0, e.Repo, e.Pr, e.Branch, e.Sha,
            e.RunId, e.RunAttempt, e.JobId, e.Workflow, e.Actor, p.Team, e.Experiment,
        };
        try
        {
            return await c.ExecuteAsync(db.Sql(Insert), row, tx) == 1;
        }
        catch (Exception ex) when (Constraints.IsDuplicateKey(ex))
        {
            // Two writers raced past NOT EXISTS: the key says the event is already stored.
            return false;
        }
    }

    public async Task ApplyRollupsAsync(DbConnection c, DbTransaction tx, IEnumerable<RollupDelta> deltas)
    {
        // A fixed order keeps concurrent batches from deadlocking on SQL Server.
        foreach (var d in RollupDelta.Combine(deltas).OrderBy(d => d.Scope, StringComparer.Ordinal).ThenBy(d => d.HourMs))
        {
            await c.ExecuteAsync(db.Sql(UpsertRollup), d, tx);
        }
    }

    public async Task ReleaseReservationsAsync(DbConnection c, DbTransaction tx, IEnumerable<string> runIds, long nowMs)
    {
        foreach (var runId in runIds.Distinct(StringComparer.Ordinal))
        {
            await c.ExecuteAsync(db.Sql(ReleaseReservations), new { RunId = runId, Now = nowMs }, tx);
        }
    }
}
