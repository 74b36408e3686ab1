using System.Data.Common;

namespace BudgetBot.Usage;

// Something that must follow stored usage (a PR comment refresh, the alert checks). It is scheduled
// as outbox rows inside the ingest transaction, so a crash after the commit cannot lose it; what it
// returns runs after the commit (a wake-up, or the work itself done at once, its row then closed).
// Duplicates are never passed on.
internal interface IUsageEffect
{
    Task<Func<CancellationToken, Task>> ScheduleAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> stored, CancellationToken ct);
}
