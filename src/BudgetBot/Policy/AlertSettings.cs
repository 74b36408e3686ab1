namespace BudgetBot.Policy;

// A null RunawayUsdPerHour turns runaway alerts off; threshold alerts are per budget.
internal sealed record AlertSettings(decimal? RunawayUsdPerHour)
{
    public static AlertSettings Default { get; } = new((decimal?)null);
}
