namespace BudgetBot.GitHub;

internal sealed class NoMergedPullRequests : IMergedPullRequests
{
    public Task<IReadOnlyList<PullRequestInfo>?> MergedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PullRequestInfo>?>(null);
}
