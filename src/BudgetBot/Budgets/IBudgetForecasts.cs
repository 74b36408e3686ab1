namespace BudgetBot.Budgets;

// Where a budget's period is heading, better than the straight line of ProjectedUsd (Foresight
// implements it); null when there is no history to forecast from.
internal interface IBudgetForecasts
{
    Task<(decimal ForecastUsd, DateTimeOffset? ExhaustsAt)?> ForecastAsync(ActiveBudget budget, BudgetStatus status, DateTimeOffset now, CancellationToken ct);
}
