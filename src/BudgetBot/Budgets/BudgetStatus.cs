
namespace BudgetBot.Budgets;

// The JSON of GET /api/budgets (DESIGN §7).
internal sealed record BudgetStatus(
    string Id,
    BudgetScope Scope,
    Enforcement Enforcement,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateTimeOffset ResetsAt,
    decimal LimitUsd,
    decimal GrantedUsd,
    decimal SpentUsd,
    decimal ReservedUsd,
    decimal RemainingUsd,
    decimal PercentUsed,
    decimal ProjectedUsd,
    BudgetState State,
    long UnpricedEvents,
    IReadOnlyList<int> Thresholds)
{
    // The forecast of the period's end spend (weighted recent days, weekday profile) and when it
    // reaches the limit, if it does; null without history. Init properties keep constructions compiling.
    public decimal? ForecastUsd { get; init; }

    public DateTimeOffset? ExhaustsAt { get; init; }
}
