using BudgetBot.Outbox;
using BudgetBot.Policy;
using BudgetBot.Usage;

namespace BudgetBot.GitHub;

// Schedules a PR's comment and check refresh whenever what they show may have changed: usage stored
// for the PR, late binding, a new head SHA, a grant. Each is one coalescing outbox row per PR and
// kind, so a burst of changes becomes one write. The comment row waits out debounceSeconds after
// the last write; the check row is due at once (it is written only when its verdict changes).
internal sealed partial class PullRequestRefresher(
    OutboxStore outbox,
    OutboxWorker worker,
    GitHubWriteState state,
    IPolicyProvider policy,
    TimeProvider clock,
    ILogger<PullRequestRefresher> logger) : IPullRequestChanges, IUsageObserver
{
    public async Task PullRequestChangedAsync(string repo, int number, string reason, CancellationToken ct)
    {
        var pr = new PrTarget(repo.ToLowerInvariant(), number);
        var now = clock.GetUtcNow();
        var settings = policy.Current.PrComments;
        if (settings.Mode != PrCommentMode.Off)
        {
            var last = await state.CommentAsync(pr.Repo, pr.Number, ct);
            var due = last.LastWriteMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).AddSeconds(settings.DebounceSeconds) : now;
            await outbox.EnqueueAsync(GitHubOutbox.Comment(pr, due > now ? due : now), ct);
        }
        await outbox.EnqueueAsync(GitHubOutbox.Check(pr, now), ct);
        LogScheduled(logger, pr.Repo, pr.Number, reason);
        worker.Notify();
    }

    public async Task OnStoredAsync(IReadOnlyList<PricedUsage> stored, CancellationToken ct)
    {
        var prs = stored.Where(p => p.Event is { Repo: not null, Pr: not null })
            .Select(p => (Repo: p.Event.Repo!.ToLowerInvariant(), Pr: p.Event.Pr!.Value)).Distinct();
        foreach (var (repo, pr) in prs)
        {
            await PullRequestChangedAsync(repo, pr, "usage", ct);
        }
    }

    [LoggerMessage(EventId = 3130, Level = LogLevel.Debug, Message = "Refresh of {Repo}#{Number} scheduled ({Reason})")]
    private static partial void LogScheduled(ILogger logger, string repo, int number, string reason);
}
