namespace BudgetBot.Budgets;

// estimates: how pre-flight learns a run's cost from history. Percentile is 50, 90 or 99 (p50/p90/p99
// in the file); MinRuns is how much history a figure needs before pre-flight trusts it.
internal sealed record EstimateSettings(int WindowDays, int Percentile, int MinRuns)
{
    public static EstimateSettings Default { get; } = new(30, 90, 5);
}
