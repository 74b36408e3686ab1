namespace BudgetBot.Budgets;

internal sealed record ExperimentLimits(decimal MaxUsd, int MaxDays)
{
    public static ExperimentLimits Default { get; } = new(2000m, 14);
}
