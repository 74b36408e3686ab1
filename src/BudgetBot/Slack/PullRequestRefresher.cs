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
    internal static readonly IReadOnlyDictionary<string, SqlStatement> ByKind = new Dictionary<string, SqlStatement>
    {
        ["org"] = Statement("org", "1 = 1"),
        ["team"] = Statement("team", "team = @Key"),
        ["repo"] = Statement("repo", "repo = @Key"),
        ["workflow"] = Statement("workflow", "workflow = @Key"),
        ["experiment"] = Statement("experiment", "experiment = @Key"),
    };

    public async Task RefreshAsync(ActiveBudget budget, string reason, CancellationToken ct)
    {
        var all = listeners.ToList();
        var colon = budget.Scope.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? budget.Scope : budget.Scope[..colon];
        if (all.Count == 0 || !ByKind.TryGetValue(kind, out var statement))
        {
            return;
        }
        var key = colon < 0 ? "" : budget.Scope[(colon + 1)..];
        var prs = await db.ReadAsync(async c => (await c.QueryAsync<(string Repo, long Pr)>(db.Sql(statement), new
        {
            Key = key, From = budget.Period.Start.ToUnixTimeMilliseconds(), To = budget.Period.End.ToUnixTimeMilliseconds(),
        })).ToList(), ct);
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

    private static SqlStatement Statement(string kind, string filter) => new(
        "Slack.PullRequestsOfScope." + kind,
        "SELECT DISTINCT repo AS Repo, CAST(pr AS BIGINT) AS Pr FROM usage_events WHERE repo IS NOT NULL AND pr IS NOT NULL " +
        $"AND occurred_at_ms >= @From AND occurred_at_ms < @To AND {filter};");

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Refreshing {Repo}#{Pr} after a grant failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception e, string repo, long pr);
}
