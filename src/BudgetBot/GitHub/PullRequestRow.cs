namespace BudgetBot.GitHub;

// One row of pull_requests. Merged is 0/1 in both dialects.
internal sealed record PullRequestRow(
    string Repo,
    long Number,
    long? InstallationId,
    string HeadSha,
    string HeadRef,
    string? HeadRepo,
    string BaseRef,
    string State,
    long Merged,
    long? MergedAtMs,
    string? Title,
    string? Author,
    long UpdatedAtMs);
