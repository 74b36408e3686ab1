namespace BudgetBot.GitHub;

// Told when what a PR's comment or check shows may have changed: usage bound to it (at once or by
// late binding), a new head SHA, a merge, a grant. Implementations schedule refreshes through the
// outbox; they must be cheap and idempotent.
internal interface IPullRequestChanges
{
    Task PullRequestChangedAsync(string repo, int number, string reason, CancellationToken ct);

    // Many PRs at once (one usage batch can touch dozens); the default takes them one by one.
    async Task PullRequestsChangedAsync(IReadOnlyList<(string Repo, int Number, string Reason)> changes, CancellationToken ct)
    {
        foreach (var (repo, number, reason) in changes)
        {
            await PullRequestChangedAsync(repo, number, reason, ct);
        }
    }
}
