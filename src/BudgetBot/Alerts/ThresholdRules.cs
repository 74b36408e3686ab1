using BudgetBot.Budgets;

namespace BudgetBot.Alerts;

internal static class ThresholdRules
{
    // Every threshold the budget has reached (percentUsed ≥ t), lowest first. Which of them are new
    // is the alerts_sent table's decision, not this function's.
    public static IReadOnlyList<int> Reached(BudgetStatus status) =>
        status.Thresholds.Where(t => status.PercentUsed >= t).Order().ToList();
}
