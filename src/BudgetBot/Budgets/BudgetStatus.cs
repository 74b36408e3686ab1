using BudgetBot.Policy;

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
    IReadOnlyList<int> Thresholds);
