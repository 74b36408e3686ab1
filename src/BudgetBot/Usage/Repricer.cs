using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Usage;

// Prices events that arrived for a model the catalog did not know, once it does (DESIGN §6).
// Each row is updated only while still unpriced, so two runs cannot count an event twice.
internal sealed partial class Repricer(Database db, UsageRollups rollups, PriceCatalogProvider catalog, IPolicyProvider policy, TimeProvider clock, ILogger<Repricer> logger)
{
    internal static readonly SqlStatement Unpriced = StoredUsage.Select("Usage.Unpriced", "unpriced = 1");

    internal static readonly SqlStatement SetPrice = new(
        "Usage.SetPrice",
        "UPDATE usage_events SET cost_micros = @CostMicros, list_cost_micros = @ListCostMicros, model = @CanonicalModel, model_raw = @Model, " +
        "provider = COALESCE(provider, @InferredProvider), unpriced = 0 " +
        "WHERE source = @Source AND event_id = @EventId AND unpriced = 1;");

    public async Task<int> RepriceAsync(CancellationToken ct = default)
    {
        var current = catalog.Current;
        var currentPolicy = policy.Current;
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var count = await db.WriteAsync(async (c, tx) =>
        {
            var rows = await c.QueryAsync<StoredUsage>(db.Sql(Unpriced), transaction: tx);
            var revised = new List<UsageRevision>();
            foreach (var row in rows)
            {
                // As it was stored and rolled up: unpriced, at no cost, under the model and provider it had.
                var before = row.ToPriced();
                var p = UsagePricer.Price(before.Event, current, currentPolicy) with { Team = row.Team };
                if (p.Unpriced || await c.ExecuteAsync(db.Sql(SetPrice),
                        new { p.CostMicros, p.ListCostMicros, p.CanonicalModel, before.Event.Model, p.InferredProvider, row.Source, row.EventId }, tx) != 1)
                {
                    continue;
                }
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
}
