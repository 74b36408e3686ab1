namespace BudgetBot.Budgets;

// Where budgets come from: the policy file, and (with Slack) experiment allowances in the ledger.
internal interface IBudgetSource
{
    Task<IReadOnlyList<ActiveBudget>> ActiveAsync(DateTimeOffset now, CancellationToken ct);
}
