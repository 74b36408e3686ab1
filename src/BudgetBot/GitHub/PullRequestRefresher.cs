using BudgetBot.Outbox;
using BudgetBot.Policy;
using BudgetBot.Storage;

namespace BudgetBot.GitHub;

// Schedules a PR's comment and check refresh whenever what they show may have changed: usage stored
// for the PR, late binding, a new head SHA, a grant. Each is one coalescing outbox row per PR and
// kind, so a burst of changes becomes one write. The comment row waits out debounceSeconds after
// the last write; the check row is due at once (it is written only when its verdict changes).
internal sealed partial class PullRequestRefresher(
    Database db,
    OutboxStore outbox,
    OutboxWorker worker,
    GitHubWriteState state,
    IPolicyProvider policy,
    TimeProvider clock,
    ILogger<PullRequestRefresher> logger) : IPullRequestChanges
{
    public Task PullRequestChangedAsync(string repo, int number, string reason, CancellationToken ct) =>
        PullRequestsChangedAsync([(repo, number, reason)], ct);

    // All the PRs of one notification in one transaction: every write transaction is a commit that
    // acknowledgements and usage batches queue behind.
    public async Task PullRequestsChangedAsync(IReadOnlyList<(string Repo, int Number, string Reason)> changes, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var settings = policy.Current.PrComments;
        var rows = new List<OutboxEnqueue>();
        foreach (var pr in changes.Select(c => new PrTarget(c.Repo.ToLowerInvariant(), c.Number)).Distinct())
        {
            if (settings.Mode != PrCommentMode.Off)
            {
                var last = await state.CommentAsync(pr.Repo, pr.Number, ct);
                var due = last.LastWriteMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).AddSeconds(settings.DebounceSeconds) : now;
                rows.Add(GitHubOutbox.Comment(pr, due > now ? due : now));
            }
            rows.Add(GitHubOutbox.Check(pr, now));
        }
        await db.WriteAsync(async (c, tx) =>
        {
            foreach (var row in rows)
            {
                await outbox.EnqueueAsync(c, tx, row);
            }
        }, ct);
        foreach (var (repo, number, reason) in changes)
        {
            LogScheduled(logger, repo, number, reason);
        }
        worker.Notify();
    }

    [LoggerMessage(EventId = 3130, Level = LogLevel.Debug, Message = "Refresh of {Repo}#{Number} scheduled ({Reason})")]
    private static partial void LogScheduled(ILogger logger, string repo, int number, string reason);
}
