using System.Data.Common;

namespace BudgetBot.Usage;

// Something that must follow stored usage (a PR comment refresh, the alert checks). It is scheduled
// as outbox rows inside the ingest transaction, so a crash after the commit cannot lose it, and the
// sender is woken after the commit. Duplicates are never passed on.
internal interface IUsageEffect
{
    Task ScheduleAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> stored, CancellationToken ct);

    void Wake();
}
