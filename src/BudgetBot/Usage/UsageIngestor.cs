using System.Data.Common;
using BudgetBot.Budgets;
using BudgetBot.Storage;

namespace BudgetBot.Usage;

internal sealed record IngestResult(int Accepted, int Duplicates);

// The one write path for usage, whatever its source: price, attribute, store, roll up, release the
// run's reservations and schedule its effects (IUsageEffect: PR refreshes, alert checks) in one
// transaction, so a batch lands whole, with everything that must follow it, or not at all.
internal sealed partial class UsageIngestor(
    Database db,
    UsageStore store,
    PriceCatalogProvider catalog,
    IPolicyProvider policy,
    TimeProvider clock,
    IEnumerable<IUsageObserver> observers,
    IEnumerable<IUsageWriteHook> hooks,
    IEnumerable<IUsageEffect> effects,
    ILogger<UsageIngestor> logger)
{
    public Task<IngestResult> IngestAsync(IReadOnlyList<UsageEvent> events, CancellationToken ct = default) => IngestAsync(events, null, ct);

    // keep, when given, runs first inside the write transaction and returns which of the events to
    // store (OTLP's session claims), so deciding and storing commit together.
    public async Task<IngestResult> IngestAsync(
        IReadOnlyList<UsageEvent> events, Func<DbConnection, DbTransaction, Task<List<UsageEvent>>>? keep, CancellationToken ct)
    {
        var currentPolicy = policy.Current;
        var currentCatalog = catalog.Current;
        var priced = events.Select(e => UsagePricer.Price(e, currentCatalog, currentPolicy)).ToList();
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var followUps = new List<Func<CancellationToken, Task>>();
        var candidates = priced;
        var stored = await db.WriteAsync(async (c, tx) =>
        {
            followUps.Clear();
            candidates = keep is null ? priced : Kept(priced, await keep(c, tx));
            var inserted = await store.InsertAllAsync(c, tx, candidates, nowMs);
            await store.ApplyRollupsAsync(c, tx, inserted.SelectMany(Deltas));
            await store.ReleaseReservationsAsync(c, tx, inserted.Where(p => p.Event.RunId is not null).Select(p => p.Event.RunId!), nowMs);
            foreach (var hook in hooks)
            {
                await hook.OnInsertedAsync(c, tx, inserted, nowMs, ct);
            }
            if (inserted.Count > 0)
            {
                foreach (var effect in effects)
                {
                    followUps.Add(await effect.ScheduleAsync(c, tx, inserted, ct));
                }
            }
            return inserted;
        }, ct);
        await FollowUpAsync(followUps, stored.Count, ct);
        await NotifyAsync(stored, ct);
        return new IngestResult(stored.Count, candidates.Count - stored.Count);
    }

    private static List<PricedUsage> Kept(List<PricedUsage> priced, List<UsageEvent> kept)
    {
        var set = new HashSet<UsageEvent>(kept, ReferenceEqualityComparer.Instance);
        return priced.FindAll(p => set.Contains(p.Event));
    }

    // Each effect's row is committed with the events; a follow-up that fails leaves it to the outbox.
    private async Task FollowUpAsync(List<Func<CancellationToken, Task>> followUps, int count, CancellationToken ct)
    {
        foreach (var followUp in followUps)
        {
            try
            {
                await followUp(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogObserverFailed(logger, e, "a usage effect", count);
            }
        }
    }

    // The events are committed by now, so the caller is answered with what was stored whatever an
    // observer does: a failing observer (a PR refresh, an alert) is logged and the others still run.
    private async Task NotifyAsync(IReadOnlyList<PricedUsage> stored, CancellationToken ct)
    {
        if (stored.Count == 0)
        {
            return;
        }
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnStoredAsync(stored, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogObserverFailed(logger, e, observer.GetType().Name, stored.Count);
            }
        }
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "{Observer} failed after {Count} usage events were stored; the events stand")]
    private static partial void LogObserverFailed(ILogger logger, Exception e, string observer, int count);

    internal static IEnumerable<RollupDelta> Deltas(PricedUsage p)
    {
        var hour = RollupDelta.HourOf(p.Event.OccurredAt.ToUnixTimeMilliseconds());
        return p.Scopes.Select(s => new RollupDelta(s.ToString(), hour, p.CostMicros, 1, p.Unpriced ? 1 : 0));
    }
}

// Told about newly stored events after their transaction commits, best effort: a crash between the
// commit and the call loses it, so what must happen is an IUsageEffect instead. Duplicates are never
// passed on, so an observer sees each event once per process that stored it.
internal interface IUsageObserver
{
    Task OnStoredAsync(IReadOnlyList<PricedUsage> stored, CancellationToken ct);
}

// Runs inside the transaction that stores or changes usage, for rollups that must land atomically
// with the events. Every write path goes through the hooks: ingestion (UsageIngestor), remainders
// booked by reconciliation and events changed in place (UsageRollups), so no rollup drifts.
internal interface IUsageWriteHook
{
    Task OnInsertedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> inserted, long nowMs, CancellationToken ct);

    // A stored event changed in place (priced once the catalog knew its model, a remainder moved to a
    // new bill): take Before out of the rollups and put After in. The default suits a hook whose
    // rollups read none of what a revision changes (cost, team, repo, model, provider).
    Task OnRevisedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<UsageRevision> revised, long nowMs, CancellationToken ct) => Task.CompletedTask;
}

// One stored event as the rollups counted it and as it is now.
internal sealed record UsageRevision(PricedUsage Before, PricedUsage After);
