namespace BudgetBot.GitHub;

// One workflow run of the PR; events without a run id are gathered per workflow under RunId null.
internal sealed record RunSpend(string? RunId, string Workflow, IReadOnlyList<string> Models, long Events, long Tokens, long CostMicros, DateTimeOffset FirstAt);
