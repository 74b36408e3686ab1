namespace BudgetBot.Budgets;

internal sealed record PrCommentSettings(PrCommentMode Mode, decimal MinChangeUsd, int DebounceSeconds)
{
    public static PrCommentSettings Default { get; } = new(PrCommentMode.Update, 0.50m, 30);
}
