using System.Data;
using System.Data.Common;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Usage;

namespace BudgetBot.Routing;

// Keeps routing_mix (migration 0021) in the ingestion transaction: per hour, team, workflow, model and
// provider, the tokens by billing class and their cost. Only events that name a workflow: routing
// advice is per workflow. Deltas are combined per key first, a few upserts per batch.
internal sealed class RoutingRollup(Database db) : IUsageWriteHook
{
    private const string Columns = "hour_ms, team, workflow, model, provider, input_tokens, output_tokens, cache_read_tokens, " +
        "cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, events, unpriced_events";

    private const string Values = "@HourMs, @Team, @Workflow, @Model, @Provider, @Input, @Output, @CacheRead, @CacheWrite5m, @CacheWrite1h, " +
        "@CostMicros, @Events, @Unpriced";

    internal static readonly SqlStatement Upsert = new(
        "Routing.UpsertMix",
        "INSERT INTO routing_mix (" + Columns + ") VALUES (" + Values + ") ON CONFLICT (hour_ms, team, workflow, model, provider) DO UPDATE SET " +
        "input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, " +
        "cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens, " +
        "cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens, cost_micros = cost_micros + excluded.cost_micros, " +
        "events = events + excluded.events, unpriced_events = unpriced_events + excluded.unpriced_events;",
        "UPDATE routing_mix WITH (UPDLOCK, HOLDLOCK) SET input_tokens = input_tokens + @Input, output_tokens = output_tokens + @Output, " +
        "cache_read_tokens = cache_read_tokens + @CacheRead, cache_write_5m_tokens = cache_write_5m_tokens + @CacheWrite5m, " +
        "cache_write_1h_tokens = cache_write_1h_tokens + @CacheWrite1h, cost_micros = cost_micros + @CostMicros, events = events + @Events, " +
        "unpriced_events = unpriced_events + @Unpriced WHERE hour_ms = @HourMs AND team = @Team AND workflow = @Workflow AND model = @Model " +
        "AND provider = @Provider; IF @@ROWCOUNT = 0 INSERT INTO routing_mix (" + Columns + ") VALUES (" + Values + ");");

    public Task OnInsertedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> inserted, long nowMs, CancellationToken ct) =>
        ApplyAsync(c, tx, inserted.Select(p => (p, 1)).ToList(), ct);

    // A repriced or moved event leaves the mix as it was counted and enters it as it is now.
    public Task OnRevisedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<UsageRevision> revised, long nowMs, CancellationToken ct) =>
        ApplyAsync(c, tx, revised.SelectMany(r => new[] { (r.Before, -1), (r.After, 1) }).ToList(), ct);

    private async Task ApplyAsync(DbConnection c, DbTransaction tx, List<(PricedUsage P, int Sign)> usage, CancellationToken ct)
    {
        // Fixed key order keeps concurrent batches from deadlocking on SQL Server.
        var groups = usage.Where(u => u.P.Event.Workflow is not null)
            .GroupBy(u => (Hour: RollupDelta.HourOf(u.P.Event.OccurredAt.ToUnixTimeMilliseconds()), u.P.Team, Workflow: u.P.Event.Workflow!,
                Model: u.P.CanonicalModel, Provider: u.P.Event.Provider ?? u.P.InferredProvider ?? ""))
            .OrderBy(g => g.Key.Hour).ThenBy(g => $"{g.Key.Team}\n{g.Key.Workflow}\n{g.Key.Model}\n{g.Key.Provider}", StringComparer.Ordinal);
        await using var upsert = PreparedCommand.Create(db, c, tx, Upsert, ("HourMs", DbType.Int64), ("Team", DbType.String), ("Workflow", DbType.String),
            ("Model", DbType.String), ("Provider", DbType.String), ("Input", DbType.Int64), ("Output", DbType.Int64), ("CacheRead", DbType.Int64),
            ("CacheWrite5m", DbType.Int64), ("CacheWrite1h", DbType.Int64), ("CostMicros", DbType.Int64), ("Events", DbType.Int64), ("Unpriced", DbType.Int64));
        foreach (var g in groups)
        {
            ct.ThrowIfCancellationRequested();
            await upsert.ExecuteAsync(g.Key.Hour, g.Key.Team, g.Key.Workflow, g.Key.Model, g.Key.Provider,
                g.Sum(u => u.Sign * u.P.Event.InputTokens), g.Sum(u => u.Sign * u.P.Event.OutputTokens), g.Sum(u => u.Sign * u.P.Event.CacheReadTokens),
                g.Sum(u => u.Sign * u.P.Event.CacheWrite5mTokens), g.Sum(u => u.Sign * u.P.Event.CacheWrite1hTokens),
                g.Sum(u => u.Sign * u.P.CostMicros), g.Sum(u => (long)u.Sign), g.Sum(u => u.P.Unpriced ? (long)u.Sign : 0));
        }
    }
}
