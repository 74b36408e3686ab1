namespace BudgetBot.GitHub;

// Told when what a PR's comment or check shows may have changed: usage bound to it (at once or by
// late binding), a new head SHA, a merge, a grant. Implementations schedule refreshes through the
// outbox; they must be cheap and idempotent.
internal interface IPullRequestChanges
{
    Task PullRequestChangedAsync(string repo, int number, string reason, CancellationToken ct);
}
