using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Usage;

namespace BudgetBot.Providers;

// Books a provider's bill: reads what agents reported, plans the remainders and upserts them, all in
// one write transaction so an event ingested meanwhile is either counted as reported or not yet stored.
internal sealed class Reconciler(
    Database db,
    ReconciliationStore store,
    RemainderEvents remainders,
    PriceCatalogProvider catalog,
    IPolicyProvider policy,
    TimeProvider clock,
    IEnumerable<IUsageEffect> effects)
{
    public async Task<IReadOnlyList<ReconciliationLine>> ReconcileAsync(ProviderReport report, CancellationToken ct)
    {
        if (report.Costs.Count == 0)
        {
            return [];
        }
        var fromMs = ReconciliationPlanner.DayMs(report.Costs.Min(c => c.Day));
        var toMs = ReconciliationPlanner.DayMs(report.Costs.Max(c => c.Day).AddDays(1));
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var followUps = new List<Func<CancellationToken, Task>>();
        var (lines, _) = await db.WriteAsync(async (c, tx) =>
        {
            var reported = await store.ReportedAsync(c, tx, fromMs, toMs);
            var planned = ReconciliationPlanner.Plan(report, reported, policy.Current, catalog.Current);
            var stored = new List<PricedUsage>();
            followUps.Clear();
            foreach (var line in planned)
            {
                if (await remainders.UpsertAsync(c, tx, line, nowMs, ct) is { } p)
                {
                    stored.Add(p);
                }
                await store.SaveAsync(c, tx, line, nowMs);
            }
            // Alerts see a remainder when it first appears; later adjustments move only the rollups.
            if (stored.Count > 0)
            {
                foreach (var effect in effects)
                {
                    followUps.Add(await effect.ScheduleAsync(c, tx, stored, ct));
                }
            }
            return (planned, stored);
        }, ct);
        foreach (var followUp in followUps)
        {
            await followUp(ct);
        }
        return lines;
    }
}
