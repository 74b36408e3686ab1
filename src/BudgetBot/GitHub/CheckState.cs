namespace BudgetBot.GitHub;

// The check run we made for one head SHA and the decision it shows.
internal sealed class CheckState
{
    public long CheckRunId { get; init; }
    public string DecisionHash { get; init; } = "";
}
