namespace BudgetBot.Budgets;

internal sealed class BudgetStatusService(IEnumerable<IBudgetSource> sources, BudgetLedger ledger, TimeProvider clock)
{
    public async Task<IReadOnlyList<ActiveBudget>> ActiveAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var all = new List<ActiveBudget>();
        foreach (var source in sources)
        {
            all.AddRange(await source.ActiveAsync(now, ct));
        }
        return all;
    }

    public async Task<IReadOnlyList<BudgetStatus>> AllAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var statuses = new List<BudgetStatus>();
        foreach (var b in await ActiveAsync(now, ct))
        {
            statuses.Add(BudgetCalculator.Status(b, await ledger.FiguresAsync(b, now, ct), now));
        }
        return statuses;
    }

    public async Task<BudgetStatus?> FindAsync(string id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var b = (await ActiveAsync(now, ct)).FirstOrDefault(x => x.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
        return b is null ? null : BudgetCalculator.Status(b, await ledger.FiguresAsync(b, now, ct), now);
    }
}
