namespace BudgetBot.Budgets;

// Policy is null exactly when Errors is not empty: a half-valid policy is never handed out.
internal sealed record PolicyParseResult(BudgetPolicy? Policy, IReadOnlyList<PolicyError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
