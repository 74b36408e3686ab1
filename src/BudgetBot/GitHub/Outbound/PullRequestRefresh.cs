using System.Data.Common;
using BudgetBot.Budgets;
using BudgetBot.Outbox;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.GitHub;

// Schedules the refresh of PR comments and checks whenever what they show may have changed. Two
// entry points: "these PRs changed" (usage stored or bound, a new head SHA, a merge) and "this budget
// changed" (a grant: every PR with usage in the budget's scope this period). Each notification is
// one transaction of coalescing outbox rows, one per PR and kind, so a burst becomes one write. The
// comment row waits out debounceSeconds after the last write; the check row is due at once (it is
// written only when its verdict changes).
internal sealed partial class PullRequestRefresh(
    Database db,
    OutboxStore outbox,
    OutboxWorker worker,
    GitHubWriteState state,
    IPolicyProvider policy,
    TimeProvider clock,
    ILogger<PullRequestRefresh> logger) : IBudgetChanges
{
    // The PRs with usage in one budget scope during its period.
    internal static readonly ScopeQuery PullRequestsOfScope = new(
        "GitHub.PullRequestsOfScope",
        "SELECT DISTINCT repo AS Repo, CAST(pr AS BIGINT) AS Pr FROM usage_events WHERE repo IS NOT NULL AND pr IS NOT NULL " +
        "AND occurred_at_ms >= @From AND occurred_at_ms < @To AND {scope};");

    // Every write transaction is a commit that acknowledgements and usage batches queue behind, so
    // all the PRs of one notification share one.
    public async Task PullRequestsChangedAsync(IEnumerable<PullRequestChange> changes, CancellationToken ct)
    {
        var all = changes.ToList();
        if (all.Count == 0)
        {
            return;
        }
        await db.WriteAsync((c, tx) => EnqueueAsync(c, tx, all, ct), ct);
        worker.Notify();
    }

    // Joins the caller's transaction (usage ingest), so the refresh commits with what caused it; the
    // caller wakes the sender after its commit (Wake).
    public async Task EnqueueAsync(DbConnection c, DbTransaction tx, IEnumerable<PullRequestChange> changes, CancellationToken ct)
    {
        var all = changes.Select(ch => ch with { Repo = ch.Repo.ToLowerInvariant() }).ToList();
        var now = clock.GetUtcNow();
        var settings = policy.Current.PrComments;
        var messages = new List<OutboxEnqueue>();
        await using (var lastWrites = state.LastCommentWrites(c, tx))
        {
            foreach (var (repo, number) in all.Select(ch => (ch.Repo, ch.Number)).Distinct())
            {
                ct.ThrowIfCancellationRequested();
                if (settings.Mode != PrCommentMode.Off)
                {
                    var due = await lastWrites.ScalarAsync(repo, number) is { } ms
                        ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(ms, System.Globalization.CultureInfo.InvariantCulture)).AddSeconds(settings.DebounceSeconds)
                        : now;
                    messages.Add(GitHubOutbox.Comment(repo, number, due > now ? due : now));
                }
                messages.Add(GitHubOutbox.Check(repo, number, now));
            }
        }
        await outbox.EnqueueAllAsync(c, tx, messages);
        foreach (var (repo, number, reason) in all.Select(ch => (ch.Repo, ch.Number, ch.Reason)).Distinct())
        {
            LogScheduled(logger, repo, number, reason);
        }
    }

    public void Wake() => worker.Notify();

    // Called after the budget change has committed: a refresh that fails now is logged, and redone by
    // the next change to the PR.
    public async Task BudgetChangedAsync(ActiveBudget budget, string reason, CancellationToken ct)
    {
        var args = ScopeQuery.Args(budget.Scope, new
        {
            From = budget.Period.Start.ToUnixTimeMilliseconds(), To = budget.Period.End.ToUnixTimeMilliseconds(),
        });
        try
        {
            var prs = await db.ReadAsync(async c => (await c.QueryAsync<(string Repo, long Pr)>(
                db.Sql(PullRequestsOfScope.For(budget.Scope)), args)).ToList(), ct);
            await PullRequestsChangedAsync(prs.Select(p => new PullRequestChange(p.Repo, (int)p.Pr, reason, true)), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogBudgetRefreshFailed(logger, e, budget.Id, reason);
        }
    }

    [LoggerMessage(EventId = 3130, Level = LogLevel.Debug, Message = "Refresh of {Repo}#{Number} scheduled ({Reason})")]
    private static partial void LogScheduled(ILogger logger, string repo, int number, string reason);

    [LoggerMessage(EventId = 10001, Level = LogLevel.Warning, Message = "Refreshing the PRs of budget {Budget} after {Reason} failed")]
    private static partial void LogBudgetRefreshFailed(ILogger logger, Exception e, string budget, string reason);
}

// A PR whose comment or check may show something new, and why. Changed says whether its
// attribution, head SHA or state really moved; the webhook processor announces unchanged PRs only
// when it retries a delivery.
internal sealed record PullRequestChange(string Repo, int Number, string Reason, bool Changed);
