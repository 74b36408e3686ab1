using System.Data.Common;
using System.Globalization;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Usage;
using Dapper;

namespace BudgetBot.Providers;

// The one usage event per provider, day and account that carries bill − reported. The ingestor is
// insert-only, so this is its one update path: insert-first like every event, and when the row is
// already there move its cost (and every rollup, as a revision) within the caller's transaction.
internal sealed class RemainderEvents(Database db, UsageStore store, UsageRollups rollups)
{
    internal static readonly SqlStatement Find = new(
        "Reconcile.FindRemainder",
        "SELECT id AS RowId, occurred_at_ms AS OccurredAtMs, cost_micros AS CostMicros, model AS Model, provider AS Provider, team AS Team, " +
        "repo AS Repo, workflow AS Workflow, experiment AS Experiment FROM usage_events WHERE source = @Source AND event_id = @EventId;",
        "SELECT id AS RowId, occurred_at_ms AS OccurredAtMs, cost_micros AS CostMicros, model AS Model, provider AS Provider, team AS Team, " +
        "repo AS Repo, workflow AS Workflow, experiment AS Experiment FROM usage_events WITH (UPDLOCK, HOLDLOCK) WHERE source = @Source AND event_id = @EventId;");

    internal static readonly SqlStatement Update = new(
        "Reconcile.UpdateRemainder",
        "UPDATE usage_events SET cost_micros = @CostMicros, reported_cost_micros = @CostMicros, model = @Model, team = @Team, repo = @Repo, " +
        "received_at_ms = @ReceivedAtMs WHERE id = @RowId;");

    public static string SourceOf(string provider) => "reconcile:" + provider;

    public static string IdOf(ReconciliationLine line) => IdOf(line.Day, line.Account);

    public static string IdOf(DateOnly day, string account) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ":" + account;

    // Noon UTC keeps the event on its calendar day in every policy time zone from UTC-12 to UTC+11.
    public static DateTimeOffset OccurredAt(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    // Returns the row newly stored, or null when an existing row was adjusted (or left as it was).
    public async Task<PricedUsage?> UpsertAsync(DbConnection c, DbTransaction tx, ReconciliationLine line, long nowMs, CancellationToken ct)
    {
        var e = new UsageEvent
        {
            Id = IdOf(line), Source = SourceOf(line.Provider), OccurredAt = OccurredAt(line.Day), Model = line.Model,
            Provider = line.Provider, Repo = line.Repo, Team = line.Team, CostUsd = Money.FromMicros(line.RemainderMicros),
        };
        var row = await c.QuerySingleOrDefaultAsync<Row>(db.Sql(Find), new { e.Source, EventId = e.Id }, tx);
        if (row is null)
        {
            // Nothing to book and nothing booked before: no zero-dollar event.
            if (line.RemainderMicros == 0)
            {
                return null;
            }
            var priced = new PricedUsage(e, line.Team, line.RemainderMicros, line.RemainderMicros, null, Unpriced: false);
            if (!await store.InsertAsync(c, tx, priced, nowMs))
            {
                throw new InvalidOperationException($"remainder {e.Source}/{e.Id} appeared during its own transaction");
            }
            await rollups.InsertedAsync(c, tx, [priced], nowMs, ct);
            return priced;
        }
        if (row.CostMicros == line.RemainderMicros && row.Team == line.Team && row.Repo == line.Repo && row.Model == line.Model)
        {
            return null;
        }
        await c.ExecuteAsync(db.Sql(Update), new { CostMicros = line.RemainderMicros, line.Model, line.Team, line.Repo, ReceivedAtMs = nowMs, row.RowId }, tx);
        var before = new UsageEvent
        {
            Id = e.Id, Source = e.Source, OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(row.OccurredAtMs), Model = row.Model,
            Provider = row.Provider, Repo = row.Repo, Workflow = row.Workflow, Team = row.Team, Experiment = row.Experiment,
        };
        var after = before with { Model = line.Model, Repo = line.Repo, Team = line.Team };
        await rollups.RevisedAsync(c, tx, [new UsageRevision(
            new PricedUsage(before, row.Team, row.CostMicros, row.CostMicros, null, Unpriced: false),
            new PricedUsage(after, line.Team, line.RemainderMicros, line.RemainderMicros, null, Unpriced: false))], nowMs, ct);
        return null;
    }

    private sealed record Row(long RowId, long OccurredAtMs, long CostMicros, string Model, string? Provider, string Team, string? Repo, string? Workflow, string? Experiment);
}
