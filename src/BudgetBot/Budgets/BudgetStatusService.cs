namespace BudgetBot.Budgets;

// Where a budget's period is heading, better than the straight line of ProjectedUsd (Foresight
// implements it); null when there is no history to forecast from.
internal interface IBudgetForecasts
{
    Task<(decimal ForecastUsd, DateTimeOffset? ExhaustsAt)?> ForecastAsync(ActiveBudget budget, BudgetStatus status, DateTimeOffset now, CancellationToken ct);
}

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

    public Task<IReadOnlyList<BudgetStatus>> AllAsync(CancellationToken ct = default) => InScopesAsync(null, ct);

    // The statuses of the budgets of these scopes only (all when null): a PR comment needs its two or
    // three, not every budget's ledger read and forecast.
    public async Task<IReadOnlyList<BudgetStatus>> InScopesAsync(IReadOnlySet<BudgetScope>? scopes, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var statuses = new List<BudgetStatus>();
        foreach (var b in (await ActiveAsync(now, ct)).Where(b => scopes is null || scopes.Contains(b.Scope)))
        {
            statuses.Add(await StatusAsync(b, now, ct));
        }
        return statuses;
    }

    public async Task<BudgetStatus?> FindAsync(string id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var b = (await ActiveAsync(now, ct)).FirstOrDefault(x => x.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
        return b is null ? null : await StatusAsync(b, now, ct);
    }

    // The budget's figures at now with its forecast (ForecastUsd and ExhaustsAt stay null without one).
    public async Task<BudgetStatus> StatusAsync(ActiveBudget b, DateTimeOffset now, CancellationToken ct)
    {
        var status = BudgetCalculator.Status(b, await ledger.FiguresAsync(b, now, ct), now);
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
