namespace BudgetBot.Budgets;

// The JSON of GET /api/budgets (DESIGN §7).
internal sealed record BudgetStatus(
    string Id,
    string Scope,
    string Enforcement,
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
    string State,
    long UnpricedEvents,
    IReadOnlyList<int> Thresholds);
