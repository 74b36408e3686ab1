namespace BudgetBot.GitHub;

// One row of workflow_runs: the latest attempt of a run as far as the events have told us.
internal sealed record WorkflowRunRow(
    string Repo,
    string RunId,
    long RunAttempt,
    string? Workflow,
    string? Event,
    string HeadSha,
    string? HeadBranch,
    string? HeadRepo,
    string Status,
    string? Conclusion,
    long? StartedAtMs,
    long? CompletedAtMs,
    long? DurationMs,
    long UpdatedAtMs);
