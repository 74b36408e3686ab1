using System.Data.Common;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Usage;
using Dapper;

namespace BudgetBot.Providers;

// Usage that arrives for a UTC day the provider has already billed re-plans that day's remainders in
// the same transaction, from the stored bill: the day's total stays equal to the bill instead of
// counting the late usage on top of it until the next poll (issue 11 part 6). An effect, not a write
// hook: the remainders it moves go through every write hook (UsageRollups), the dashboard's included,
// and a hook that wrote usage itself would have to depend on the hooks.
internal sealed class LateUsageReconciler(
    Database db,
    ReconciliationStore store,
    RemainderEvents remainders,
    PriceCatalogProvider catalog,
    IPolicyProvider policy,
    TimeProvider clock) : IUsageEffect
{
    internal static readonly SqlStatement Billed = new(
        "Reconcile.BilledDay",
        "SELECT provider AS Provider, account AS Account, billed_micros AS BilledMicros, tokens AS Tokens, list_micros AS ListMicros " +
        "FROM provider_reconciliations WHERE day_ms = @DayMs ORDER BY provider, account;");

    internal static readonly SqlStatement RemainderModel = new(
        "Reconcile.RemainderModel",
        "SELECT model FROM usage_events WHERE source = @Source AND event_id = @EventId;");

    private static readonly Func<CancellationToken, Task> Nothing = _ => Task.CompletedTask;

    // All its work is done in the transaction; nothing follows the commit.
    public async Task<Func<CancellationToken, Task>> ScheduleAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> inserted, CancellationToken ct)
    {
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var days = inserted.Where(p => !p.Event.Source.StartsWith("reconcile:", StringComparison.Ordinal))
            .Select(p => ReconciliationPlanner.DayMs(DateOnly.FromDateTime(p.Event.OccurredAt.UtcDateTime))).Distinct().ToList();
        foreach (var dayMs in days)
        {
            var billed = (await c.QueryAsync<BilledRow>(db.Sql(Billed), new { DayMs = dayMs }, tx)).ToList();
            if (billed.Count == 0)
            {
                continue;
            }
            var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(dayMs).UtcDateTime);
            var reported = await store.ReportedAsync(c, tx, dayMs, dayMs + 86_400_000);
            foreach (var provider in billed.GroupBy(b => b.Provider, StringComparer.Ordinal))
            {
                var bills = new List<AccountBill>();
                foreach (var b in provider)
                {
                    var id = RemainderEvents.IdOf(day, b.Account);
                    var model = await c.QuerySingleOrDefaultAsync<string>(db.Sql(RemainderModel), new { Source = RemainderEvents.SourceOf(provider.Key), EventId = id }, tx);
                    bills.Add(new AccountBill(b.Account, b.BilledMicros, model ?? ReconciliationPlanner.RemainderModel, b.Tokens, b.ListMicros));
                }
                foreach (var line in ReconciliationPlanner.PlanDay(provider.Key, day, bills, reported, policy.Current, catalog.Current))
                {
                    await remainders.UpsertAsync(c, tx, line, nowMs, ct);
                    await store.SaveAsync(c, tx, line, nowMs);
                }
            }
        }
        return Nothing;
    }

    private sealed record BilledRow(string Provider, string Account, long BilledMicros, long Tokens, long ListMicros);
}
