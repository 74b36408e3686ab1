using BudgetBot.Budgets;

namespace BudgetBot.Tests.GitHub;

// Budget statuses built by hand for the pure renderer and decision tests.
internal static class Statuses
{
    public static readonly DateTimeOffset Reset = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    public static BudgetStatus Of(string id, string scope, string enforcement, decimal limit, decimal spent, decimal granted = 0, decimal reserved = 0, int[]? thresholds = null)
    {
        thresholds ??= [50, 80, 100];
        var available = limit + granted;
        var percent = Math.Round(spent * 100m / available, 1);
        var state = spent >= available ? BudgetState.Exceeded : percent >= thresholds[0] ? BudgetState.Warning : BudgetState.Ok;
        return new BudgetStatus(id, BudgetScope.Parse(scope), Enum.Parse<Enforcement>(enforcement, ignoreCase: true), Reset.AddMonths(-1), Reset, Reset, limit, granted, spent, reserved,
            available - spent - reserved, percent, spent, state, 0, thresholds);
    }
}
