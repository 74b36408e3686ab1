using System.Data.Common;

namespace BudgetBot.Usage;

// Runs inside the ingest transaction, after the new events are stored and rolled up, for work that
// must land atomically with them (re-reconciling a day the provider has already billed).
internal interface IUsageWriteHook
{
    Task OnInsertedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> inserted, long nowMs, CancellationToken ct);
}
