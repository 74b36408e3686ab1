namespace BudgetBot.GitHub;

internal sealed record WorkflowJobRow(
    string Repo,
    string JobId,
    string RunId,
    long RunAttempt,
    string? Name,
    string Status,
    string? Conclusion,
    long? StartedAtMs,
    long? CompletedAtMs);
