namespace BudgetBot.Budgets;

// requests.defaultUsd: what the check run's "Request more budget" button asks for. Without it the
// check carries no button (a button must not ask for an amount nobody chose).
internal sealed record RequestSettings(decimal? DefaultUsd)
{
    public static RequestSettings Default { get; } = new((decimal?)null);
}
