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
        var distinct = changes.Select(c => (c.Repo, c.Number, c.Reason)).Distinct().ToList();
        if (distinct.Count == 0)
        {
            return;
        }
        foreach (var listener in all)
        {
            await listener.PullRequestsChangedAsync(distinct, ct);
        }
    }
}
