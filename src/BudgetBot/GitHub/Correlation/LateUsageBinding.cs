using System.Data.Common;
using BudgetBot.Storage;
using BudgetBot.Usage;

namespace BudgetBot.GitHub;

// Late binding (DESIGN §8): usage stored before its PR or run was known is given the PR when the
// pull_request or workflow_run arrives. Each UPDATE is preceded by a read of the rows it will change,
// and both go through UsageRollups as a revision (before: no PR, after: the PR) in the handler's
// transaction, so unit_spend and the per-PR rollup the comment reads include late-bound usage.
internal sealed class LateUsageBinding(UsageRollups rollups, TimeProvider clock)
{
    private const string ByRuns = "repo = @Repo AND pr IS NULL AND run_id IN " +
        "(SELECT p.run_id FROM workflow_run_prs p WHERE p.repo = @Repo AND p.number = @Number)";

    private const string ByShas = "repo = @Repo AND pr IS NULL AND sha IN " +
        "(SELECT s.sha FROM pr_head_shas s WHERE s.repo = @Repo AND s.number = @Number)";

    private const string ByBranch = "repo = @Repo AND pr IS NULL AND branch = @HeadRef";

    private const string ByRun = "repo = @Repo AND run_id = @RunId AND pr IS NULL";

    internal static readonly SqlStatement UnboundByRuns = StoredUsage.Select("PullRequests.UnboundByRuns", ByRuns);

    internal static readonly SqlStatement BindByRuns = new("PullRequests.BindUsageByRuns", $"UPDATE usage_events SET pr = @Number WHERE {ByRuns};");

    internal static readonly SqlStatement UnboundByShas = StoredUsage.Select("PullRequests.UnboundByShas", ByShas);

    internal static readonly SqlStatement BindByShas = new("PullRequests.BindUsageByShas", $"UPDATE usage_events SET pr = @Number WHERE {ByShas};");

    internal static readonly SqlStatement UnboundByBranch = StoredUsage.Select("PullRequests.UnboundByBranch", ByBranch);

    internal static readonly SqlStatement BindByBranch = new("PullRequests.BindUsageByBranch", $"UPDATE usage_events SET pr = @Number WHERE {ByBranch};");

    internal static readonly SqlStatement UnboundByRun = StoredUsage.Select("WorkflowRuns.UnboundUsage", ByRun);

    internal static readonly SqlStatement BindByRun = new("WorkflowRuns.BindUsage", $"UPDATE usage_events SET pr = @Number WHERE {ByRun};");

    // Run, then SHA, then branch: the order of DESIGN §8; an event keeps the first PR it is bound to.
    // A branch named like the base (a fork's `main`) says nothing about which PR spent the money, and
    // only an open PR claims its branch's usage.
    public async Task<int> ToPullRequestAsync(DbConnection c, DbTransaction tx, PullRequest pr, CancellationToken ct)
    {
        var args = new { pr.Repo, pr.Number, pr.HeadRepo, pr.HeadRef };
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var bound = await rollups.BindPrAsync(c, tx, UnboundByRuns, BindByRuns, args, pr.Number, now, ct)
            + await rollups.BindPrAsync(c, tx, UnboundByShas, BindByShas, args, pr.Number, now, ct);
        if (pr.State == "open" && pr.HeadRef != pr.BaseRef)
        {
            bound += await rollups.BindPrAsync(c, tx, UnboundByBranch, BindByBranch, args, pr.Number, now, ct);
        }
        return bound;
    }

    // A run's usage bills one PR (the caller picks the lowest-numbered of the run's PRs).
    public Task<int> ToRunsPullRequestAsync(DbConnection c, DbTransaction tx, string repo, string runId, int number, CancellationToken ct) =>
        rollups.BindPrAsync(c, tx, UnboundByRun, BindByRun, new { Repo = repo, RunId = runId, Number = number }, number, clock.GetUtcNow().ToUnixTimeMilliseconds(), ct);
}
