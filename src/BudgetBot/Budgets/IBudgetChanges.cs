namespace BudgetBot.Budgets;

// Told after a change to a budget has committed (a grant, say), so whatever shows the budget's
// figures elsewhere can refresh: GitHub's PR comments and checks implement it. Owned here so the
// folder that changes a budget (Slack's approval flow) depends on Budgets, not on GitHub.
internal interface IBudgetChanges
{
    Task BudgetChangedAsync(ActiveBudget budget, string reason, CancellationToken ct);
}
