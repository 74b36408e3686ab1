using BudgetBot.Dashboard;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Usage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Benchmarks;

// Fills the ledger fast but exactly as ingestion would: each event priced and attributed by
// UsagePricer, stored with UsageStore's insert, and rolled up with UsageIngestor's deltas through
// UsageStore.ApplyRollupsAsync and the dashboard's rollups, in big transactions instead of HTTP batches of 500.
internal static class UsageSeeder
{
    private const int Chunk = 50_000;

    // Spreads count events evenly over the budget's current period up to now.
    public static async Task SeedAsync(BenchHost host, string budgetId, int count)
    {
        var now = TimeProvider.System.GetUtcNow();
        var budget = (await host.Get<BudgetStatusService>().ActiveAsync(now)).Single(b => b.Id == budgetId);
        var start = budget.Period.Start;
        var span = (now - start).Ticks;
        await SeedAsync(host, count, n => SyntheticUsage.Event("seed", n, start.AddTicks(span / count * n)));
    }

    public static async Task SeedAsync(BenchHost host, int count, Func<long, UsageEvent> make)
    {
        var catalog = host.Get<PriceCatalogProvider>().Current;
        var policy = host.Get<IPolicyProvider>().Current;
        var db = host.Get<Database>();
        var store = host.Get<UsageStore>();
        var dashboard = host.Get<DashboardRollups>();
        var receivedAt = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        for (var from = 0; from < count; from += Chunk)
        {
            var priced = Enumerable.Range(from, Math.Min(Chunk, count - from))
                .Select(n => make(n))
                .Select(e => UsagePricer.Price(e, catalog, policy))
                .ToList();
            await db.WriteAsync(async (c, tx) =>
            {
                await c.ExecuteAsync(db.Sql(UsageStore.Insert), priced.Select(p => UsageRow.From(p, receivedAt)), tx);
                await store.ApplyRollupsAsync(c, tx, priced.SelectMany(UsageIngestor.Deltas));
                await dashboard.OnInsertedAsync(c, tx, priced, receivedAt, CancellationToken.None);
            });
        }
    }
}
