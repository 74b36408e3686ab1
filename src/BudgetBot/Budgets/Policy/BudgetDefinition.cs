using Cronos;

namespace BudgetBot.Budgets;

// PeriodText keeps the expression as written, for messages and the status API.
internal sealed record BudgetDefinition(
    string Id,
    BudgetScope Scope,
    decimal AmountUsd,
    CronExpression Period,
    string PeriodText,
    IReadOnlyList<int> Thresholds,
    Enforcement Enforcement);
