using System.Data.Common;
using BudgetBot.Storage;

namespace BudgetBot.Budgets;

// Where a budget's period is heading, better than the straight line of ProjectedUsd (Foresight
// implements it); null when there is no history to forecast from. Read on the caller's connection.
internal interface IBudgetForecasts
{
    Task<(decimal ForecastUsd, DateTimeOffset? ExhaustsAt)?> ForecastAsync(
        DbConnection c, ActiveBudget budget, BudgetStatus status, DateTimeOffset now, CancellationToken ct);
}

// Each call reads its budgets' figures and forecasts on one connection, not one per query.
internal sealed class BudgetStatusService(
    IEnumerable<IBudgetSource> sources, BudgetLedger ledger, Database db, TimeProvider clock, IEnumerable<IBudgetForecasts>? forecasts = null)
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
        await using var c = await db.OpenAsync(ct);
        return await InScopesAsync(c, scopes, ct);
    }

    // On the caller's connection: the PR comment reads its rows and its budgets on one.
    public async Task<IReadOnlyList<BudgetStatus>> InScopesAsync(DbConnection c, IReadOnlySet<BudgetScope>? scopes, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var statuses = new List<BudgetStatus>();
        foreach (var b in (await ActiveAsync(now, ct)).Where(b => scopes is null || scopes.Contains(b.Scope)))
        {
            statuses.Add(await StatusAsync(c, b, now, ct));
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
        await using var c = await db.OpenAsync(ct);
        return await StatusAsync(c, b, now, ct);
    }

    private async Task<BudgetStatus> StatusAsync(DbConnection c, ActiveBudget b, DateTimeOffset now, CancellationToken ct)
    {
        var status = BudgetCalculator.Status(b, await ledger.FiguresAsync(c, null, b, now), now);
        foreach (var f in forecasts ?? [])
        {
            if (await f.ForecastAsync(c, b, status, now, ct) is { } forecast)
            {
                return status with { ForecastUsd = forecast.ForecastUsd, ExhaustsAt = forecast.ExhaustsAt };
            }
        }
        return status;
    }
}
