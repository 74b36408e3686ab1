using System.Data.Common;

namespace BudgetBot.Usage;

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
