using System.Data.Common;
using BudgetBot.Budgets;

namespace BudgetBot.Usage;

// Rolls up usage written outside the ingest batch (remainders booked by reconciliation, events changed
// in place) the way ingestion does: the budget rollups and every IUsageWriteHook, in the caller's
// transaction.
internal sealed class UsageRollups(UsageStore store, IEnumerable<IUsageWriteHook> hooks)
{
    public async Task InsertedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> inserted, long nowMs, CancellationToken ct)
    {
        await store.ApplyRollupsAsync(c, tx, inserted.SelectMany(UsageIngestor.Deltas));
        foreach (var hook in hooks)
        {
            await hook.OnInsertedAsync(c, tx, inserted, nowMs, ct);
        }
    }

    public async Task RevisedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<UsageRevision> revised, long nowMs, CancellationToken ct)
    {
        if (revised.Count == 0)
        {
            return;
        }
        await store.ApplyRollupsAsync(c, tx, revised.SelectMany(Deltas));
        foreach (var hook in hooks)
        {
            await hook.OnRevisedAsync(c, tx, revised, nowMs, ct);
        }
    }

    internal static IEnumerable<RollupDelta> Deltas(UsageRevision r) =>
        UsageIngestor.Deltas(r.Before).Select(d => d with { CostMicros = -d.CostMicros, Events = -d.Events, UnpricedEvents = -d.UnpricedEvents })
            .Concat(UsageIngestor.Deltas(r.After));
}
