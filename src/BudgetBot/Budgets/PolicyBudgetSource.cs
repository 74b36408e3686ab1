namespace BudgetBot.Budgets;

internal sealed class PolicyBudgetSource(IPolicyProvider policy) : IBudgetSource
{
    public Task<IReadOnlyList<ActiveBudget>> ActiveAsync(DateTimeOffset now, CancellationToken ct)
    {
        var p = policy.Current;
        IReadOnlyList<ActiveBudget> budgets = p.Budgets
            .Select(b => new ActiveBudget(b.Id, b.Scope, b.AmountUsd, b.Enforcement,
                BudgetPeriod.Containing(b.Period, p.TimeZone, now), b.Thresholds))
            .ToList();
        return Task.FromResult(budgets);
    }
}

// Where budgets come from: the policy file, and (with Slack) experiment allowances in the ledger.
internal interface IBudgetSource
{
    Task<IReadOnlyList<ActiveBudget>> ActiveAsync(DateTimeOffset now, CancellationToken ct);
}
