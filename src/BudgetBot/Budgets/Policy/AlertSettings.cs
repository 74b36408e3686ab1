namespace BudgetBot.Budgets;

// A null RunawayUsdPerHour turns runaway alerts off; threshold alerts are per budget. Channel takes
// the alerts of budgets no team owns (org, workflow, experiment, a repo of no team), which would
// otherwise reach nobody: the hard workflow budget that blocks runs is exactly one of those.
internal sealed record AlertSettings(decimal? RunawayUsdPerHour, string? Channel = null)
{
    public static AlertSettings Default { get; } = new((decimal?)null);
}
