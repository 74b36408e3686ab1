using BudgetBot.Policy;
using BudgetBot.Pricing;
using BudgetBot.Storage;

namespace BudgetBot.Usage;

internal sealed record IngestResult(int Accepted, int Duplicates);

// The one write path for usage, whatever its source: price, attribute, store, roll up and
// release the run's reservations in one transaction, so a batch lands whole or not at all.
internal sealed class UsageIngestor(
    Database db,
    UsageStore store,
    PriceCatalogProvider catalog,
    IPolicyProvider policy,
    TimeProvider clock,
    IEnumerable<IUsageObserver> observers)
{
    public async Task<IngestResult> IngestAsync(IReadOnlyList<UsageEvent> events, CancellationToken ct = default)
    {
        var currentPolicy = policy.Current;
        var currentCatalog = catalog.Current;
        var priced = events.Select(e => UsagePricer.Price(e, currentCatalog, currentPolicy)).ToList();
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var stored = await db.WriteAsync(async (c, tx) =>
        {
            var inserted = new List<PricedUsage>(priced.Count);
            foreach (var p in priced)
            {
                if (await store.InsertAsync(c, tx, p, nowMs))
                {
                    inserted.Add(p);
                }
            }
            await store.ApplyRollupsAsync(c, tx, inserted.SelectMany(Deltas));
            await store.ReleaseReservationsAsync(c, tx, inserted.Where(p => p.Event.RunId is not null).Select(p => p.Event.RunId!), nowMs);
            return inserted;
        }, ct);
        foreach (var observer in observers)
        {
            await observer.OnStoredAsync(stored, ct);
        }
        return new IngestResult(stored.Count, priced.Count - stored.Count);
    }

    internal static IEnumerable<RollupDelta> Deltas(PricedUsage p)
    {
        var hour = RollupDelta.HourOf(p.Event.OccurredAt.ToUnixTimeMilliseconds());
        return p.Scopes.Select(s => new RollupDelta(s, hour, p.CostMicros, 1, p.Unpriced ? 1 : 0));
    }
}
