using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Usage;

// Prices events that arrived for a model the catalog did not know, once it does (DESIGN §6).
// Each row is updated only while still unpriced, so two runs cannot count an event twice.
internal sealed partial class Repricer(Database db, UsageRollups rollups, PriceCatalogProvider catalog, IPolicyProvider policy, TimeProvider clock, ILogger<Repricer> logger)
{
    internal static readonly SqlStatement Unpriced = new(
        "Usage.Unpriced",
        "SELECT id AS RowId, source AS Source, event_id AS EventId, occurred_at_ms AS OccurredAtMs, COALESCE(model_raw, model) AS Model, model AS StoredModel, provider AS Provider, " +
        "input_tokens AS InputTokens, output_tokens AS OutputTokens, cache_read_tokens AS CacheReadTokens, " +
        "cache_write_5m_tokens AS CacheWrite5mTokens, cache_write_1h_tokens AS CacheWrite1hTokens, repo AS Repo, " +
        "pr AS Pr, run_id AS RunId, workflow AS Workflow, team AS Team, experiment AS Experiment FROM usage_events WHERE unpriced = 1;");

    internal static readonly SqlStatement SetPrice = new(
        "Usage.SetPrice",
        "UPDATE usage_events SET cost_micros = @CostMicros, list_cost_micros = @ListCostMicros, model = @CanonicalModel, model_raw = @Model, " +
        "provider = COALESCE(provider, @InferredProvider), unpriced = 0 " +
        "WHERE id = @RowId AND unpriced = 1;");

    public async Task<int> RepriceAsync(CancellationToken ct = default)
    {
        var current = catalog.Current;
        var currentPolicy = policy.Current;
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var count = await db.WriteAsync(async (c, tx) =>
        {
            var rows = await c.QueryAsync<UnpricedRow>(db.Sql(Unpriced), transaction: tx);
            var revised = new List<UsageRevision>();
            foreach (var row in rows)
            {
                var p = UsagePricer.Price(row.ToEvent(), current, currentPolicy) with { Team = row.Team };
                if (p.Unpriced || await c.ExecuteAsync(db.Sql(SetPrice), new { p.CostMicros, p.ListCostMicros, p.CanonicalModel, row.Model, p.InferredProvider, row.RowId }, tx) != 1)
                {
                    continue;
                }
                // As it was stored and rolled up: unpriced, at no cost, under the model and provider it had.
                var before = new PricedUsage(row.ToEvent(), row.Team, 0, null, null, Unpriced: true) { CanonicalModel = row.StoredModel };
                revised.Add(new UsageRevision(before, p));
            }
            await rollups.RevisedAsync(c, tx, revised, nowMs, ct);
            return revised.Count;
        }, ct);
        if (count > 0)
        {
            LogRepriced(logger, count);
        }
        return count;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Priced {Count} usage events whose model the catalog now knows")]
    private static partial void LogRepriced(ILogger logger, int count);

    // Settable properties, not a positional record: SQLite gives COALESCE no declared type, so Dapper
    // cannot match a constructor by column types.
    private sealed class UnpricedRow
    {
        public long RowId { get; set; }

        public string Source { get; set; } = "";

        public string EventId { get; set; } = "";

        public long OccurredAtMs { get; set; }

        public string Model { get; set; } = "";

        public string StoredModel { get; set; } = "";

        public string? Provider { get; set; }

        public long InputTokens { get; set; }

        public long OutputTokens { get; set; }

        public long CacheReadTokens { get; set; }

        public long CacheWrite5mTokens { get; set; }

        public long CacheWrite1hTokens { get; set; }

        public string? Repo { get; set; }

        public int? Pr { get; set; }

        public string? RunId { get; set; }

        public string? Workflow { get; set; }

        public string Team { get; set; } = "";

        public string? Experiment { get; set; }

        public UsageEvent ToEvent() => new()
        {
            Id = EventId, Source = Source, OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(OccurredAtMs), Model = Model,
            Provider = Provider, InputTokens = InputTokens, OutputTokens = OutputTokens, CacheReadTokens = CacheReadTokens,
            CacheWrite5mTokens = CacheWrite5mTokens, CacheWrite1hTokens = CacheWrite1hTokens, Repo = Repo, Pr = Pr, RunId = RunId, Workflow = Workflow,
            Team = Team, Experiment = Experiment,
        };
    }
}
