namespace BudgetBot.GitHub;

// Merged pull requests, for cost per merged PR in the digest. Null means merge data is not known
// (no GitHub integration registered): the digest then ranks workflows by cost per run alone.
// The correlation index replaces the default with services.AddSingleton<IMergedPullRequests, ...>().
internal interface IMergedPullRequests
{
    Task<IReadOnlyList<PullRequestInfo>?> MergedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
