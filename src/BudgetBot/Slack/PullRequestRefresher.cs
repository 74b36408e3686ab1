using BudgetBot.Budgets;
using BudgetBot.GitHub;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Slack;

// A grant changes what every PR drawing on that budget shows (remaining money, check state): each
// PR with usage in the budget's scope this period is handed to every IPullRequestChanges, which
// decide themselves whether the PR is open and what to refresh.
internal sealed partial class PullRequestRefresher(Database db, IEnumerable<IPullRequestChanges> listeners, ILogger<PullRequestRefresher> logger)
{
    internal static readonly ScopeQuery PullRequestsOfScope = new(
        "Slack.PullRequestsOfScope",
        "SELECT DISTINCT repo AS Repo, CAST(pr AS BIGINT) AS Pr FROM usage_events WHERE repo IS NOT NULL AND pr IS NOT NULL " +
        "AND occurred_at_ms >= @From AND occurred_at_ms < @To AND {scope};");

    public async Task RefreshAsync(ActiveBudget budget, string reason, CancellationToken ct)
    {
        var all = listeners.ToList();
        if (all.Count == 0)
        {
            return;
        }
        var args = ScopeQuery.Args(budget.Scope, new
        {
            From = budget.Period.Start.ToUnixTimeMilliseconds(), To = budget.Period.End.ToUnixTimeMilliseconds(),
        });
        var prs = await db.ReadAsync(async c => (await c.QueryAsync<(string Repo, long Pr)>(
            db.Sql(PullRequestsOfScope.For(budget.Scope)), args)).ToList(), ct);
        foreach (var (repo, pr) in prs)
        {
            foreach (var listener in all)
            {
                try
                {
                    await listener.PullRequestChangedAsync(repo, (int)pr, reason, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The grant is committed; a refresh that fails now is redone by the next change to the PR.
                    LogRefreshFailed(logger, e, repo, pr);
                }
            }
        }
    }

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Refreshing {Repo}#{Pr} after a grant failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception e, string repo, long pr);
}
