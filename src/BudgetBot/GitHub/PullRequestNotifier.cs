namespace BudgetBot.GitHub;

// Calls every registered IPullRequestChanges once per PR and reason.
internal sealed class PullRequestNotifier(IEnumerable<IPullRequestChanges> listeners)
{
    private readonly IReadOnlyList<IPullRequestChanges> all = listeners.ToList();

    public async Task NotifyAsync(IEnumerable<PullRequestChange> changes, CancellationToken ct)
    {
        if (all.Count == 0)
        {
            return;
        }
        foreach (var (repo, number, reason) in changes.Select(c => (c.Repo, c.Number, c.Reason)).Distinct())
        {
            foreach (var listener in all)
            {
                await listener.PullRequestChangedAsync(repo, number, reason, ct);
            }
        }
    }
}
