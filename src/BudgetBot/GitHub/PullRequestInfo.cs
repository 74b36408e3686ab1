namespace BudgetBot.GitHub;

// What the correlation index knows of one pull request (DESIGN §8, §9).
internal sealed record PullRequestInfo(
    string Repo,
    int Number,
    string HeadSha,
    string HeadRef,
    string State,
    bool Merged,
    DateTimeOffset? MergedAt,
    long? InstallationId,
    string? Title,
    string? Author);
