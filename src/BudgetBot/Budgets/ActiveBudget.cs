
namespace BudgetBot.Budgets;

// A budget as it stands now: a policy budget in its current period, or an experiment allowance
// between its start and its expiry.
internal sealed record ActiveBudget(
    string Id,
    BudgetScope Scope,
    decimal AmountUsd,
    Enforcement Enforcement,
    BudgetPeriod Period,
    IReadOnlyList<int> Thresholds);
