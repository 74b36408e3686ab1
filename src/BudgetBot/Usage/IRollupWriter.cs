using System.Data.Common;

namespace BudgetBot.Usage;

// Extra rollups kept in the ingestion transaction (the dashboard's), so they stay exact: an event
// counts in them exactly when it is stored.
internal interface IRollupWriter
{
    Task ApplyAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> stored);
}
