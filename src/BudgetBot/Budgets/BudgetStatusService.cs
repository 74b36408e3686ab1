namespace BudgetBot.Budgets;

internal sealed class BudgetStatusService(IEnumerable<IBudgetSource> sources, BudgetLedger ledger, TimeProvider clock, IEnumerable<IBudgetForecasts>? forecasts = null)
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
            statuses.Add(await WithForecastAsync(b, BudgetCalculator.Status(b, await ledger.FiguresAsync(b, now, ct), now), now, ct));
        }
        return statuses;
    }

    public async Task<BudgetStatus?> FindAsync(string id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var b = (await ActiveAsync(now, ct)).FirstOrDefault(x => x.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
        return b is null ? null : await WithForecastAsync(b, BudgetCalculator.Status(b, await ledger.FiguresAsync(b, now, ct), now), now, ct);
    }

    private async Task<BudgetStatus> WithForecastAsync(ActiveBudget b, BudgetStatus status, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var f in forecasts ?? [])
        {
            if (await f.ForecastAsync(b, status, now, ct) is { } forecast)
            {
                return status with { ForecastUsd = forecast.ForecastUsd, ExhaustsAt = forecast.ExhaustsAt };
            }
        }
        return status;
    }
}
