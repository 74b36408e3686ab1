using System.Data.Common;
using System.Globalization;
using BudgetBot.Storage;
using Dapper;
using Octokit.Webhooks.Events;

namespace BudgetBot.GitHub;

// workflow_run → workflow_runs (forward-only), the run's PRs (pull_requests[], else the PR that had
// its head SHA, else for forks the PR with the same head repository and branch), and late binding of
// usage reported with this run id before the run's PR was known (DESIGN §8).
internal sealed class WorkflowRunHandler(Database db, LateUsageBinding binding)
{
    private const string Columns =
        "repo AS Repo, run_id AS RunId, run_attempt AS RunAttempt, workflow AS Workflow, event AS Event, head_sha AS HeadSha, " +
        "head_branch AS HeadBranch, head_repo AS HeadRepo, status AS Status, conclusion AS Conclusion, started_at_ms AS StartedAtMs, " +
        "completed_at_ms AS CompletedAtMs, duration_ms AS DurationMs, updated_at_ms AS UpdatedAtMs";

    internal static readonly SqlStatement Find = new(
        "WorkflowRuns.Find",
        $"SELECT {Columns} FROM workflow_runs WHERE repo = @Repo AND run_id = @RunId;",
        $"SELECT {Columns} FROM workflow_runs WITH (UPDLOCK, HOLDLOCK) WHERE repo = @Repo AND run_id = @RunId;");

    internal static readonly SqlStatement Insert = new(
        "WorkflowRuns.Insert",
        "INSERT INTO workflow_runs (repo, run_id, run_attempt, workflow, event, head_sha, head_branch, head_repo, status, conclusion, " +
        "started_at_ms, completed_at_ms, duration_ms, updated_at_ms) VALUES (@Repo, @RunId, @RunAttempt, @Workflow, @Event, @HeadSha, " +
        "@HeadBranch, @HeadRepo, @Status, @Conclusion, @StartedAtMs, @CompletedAtMs, @DurationMs, @UpdatedAtMs);");

    internal static readonly SqlStatement Update = new(
        "WorkflowRuns.Update",
        "UPDATE workflow_runs SET run_attempt = @RunAttempt, workflow = @Workflow, event = @Event, head_sha = @HeadSha, " +
        "head_branch = @HeadBranch, head_repo = @HeadRepo, status = @Status, conclusion = @Conclusion, started_at_ms = @StartedAtMs, " +
        "completed_at_ms = @CompletedAtMs, duration_ms = @DurationMs, updated_at_ms = @UpdatedAtMs WHERE repo = @Repo AND run_id = @RunId;");

    internal static readonly SqlStatement PrBySha = new(
        "WorkflowRuns.PrBySha",
        "SELECT MIN(number) FROM pr_head_shas WHERE repo = @Repo AND sha = @HeadSha;");

    internal static readonly SqlStatement PrByHead = new(
        "WorkflowRuns.PrByHead",
        "SELECT number FROM pull_requests WHERE repo = @Repo AND head_repo = @HeadRepo AND head_ref = @HeadBranch " +
        "ORDER BY CASE WHEN state = 'open' THEN 0 ELSE 1 END, number DESC LIMIT 1;",
        "SELECT TOP (1) number FROM pull_requests WHERE repo = @Repo AND head_repo = @HeadRepo AND head_ref = @HeadBranch " +
        "ORDER BY CASE WHEN state = 'open' THEN 0 ELSE 1 END, number DESC;");

    internal static readonly SqlStatement Link = new(
        "WorkflowRuns.Link",
        "INSERT INTO workflow_run_prs (repo, run_id, number) VALUES (@Repo, @RunId, @Number) ON CONFLICT (repo, run_id, number) DO NOTHING;",
        "INSERT INTO workflow_run_prs (repo, run_id, number) SELECT @Repo, @RunId, @Number WHERE NOT EXISTS " +
        "(SELECT 1 FROM workflow_run_prs WITH (UPDLOCK, HOLDLOCK) WHERE repo = @Repo AND run_id = @RunId AND number = @Number);");

    internal static readonly SqlStatement Links = new(
        "WorkflowRuns.Links",
        "SELECT number FROM workflow_run_prs WHERE repo = @Repo AND run_id = @RunId ORDER BY number;");

    public Task<IReadOnlyList<PullRequestChange>> HandleAsync(WorkflowRunEvent e, CancellationToken ct)
    {
        var repository = e.Repository ?? throw new InvalidOperationException("workflow_run without repository");
        var run = e.WorkflowRun;
        var repo = repository.FullName.ToLowerInvariant();
        var status = run.Status.StringValue;
        long? completed = status == "completed" ? run.UpdatedAt.ToUnixTimeMilliseconds() : null;
        var started = run.RunStartedAt.ToUnixTimeMilliseconds();
        var incoming = new WorkflowRunRow(
            repo, run.Id.ToString(CultureInfo.InvariantCulture), run.RunAttempt, run.Name, run.Event, run.HeadSha, run.HeadBranch,
            run.HeadRepository?.FullName.ToLowerInvariant(), status, run.Conclusion?.StringValue, started, completed,
            completed - started, run.UpdatedAt.ToUnixTimeMilliseconds());
        // pull_requests[] can name PRs of other repositories whose head is this branch; only ours count.
        var listed = run.PullRequests.Where(p => p.Base.Repo.Id == repository.Id).Select(p => p.Number).ToList();
        return db.WriteAsync<IReadOnlyList<PullRequestChange>>(async (c, tx) =>
        {
            var existing = await c.QuerySingleOrDefaultAsync<WorkflowRunRow>(db.Sql(Find), new { Repo = repo, incoming.RunId }, tx);
            var next = WorkflowProgress.Apply(existing, incoming);
            if (existing is null)
            {
                await c.ExecuteAsync(db.Sql(Insert), next, tx);
            }
            else if (next != existing)
            {
                await c.ExecuteAsync(db.Sql(Update), next, tx);
            }
            var found = listed.Count > 0 ? listed : await ResolveAsync(c, tx, incoming);
            var linked = 0;
            foreach (var number in found)
            {
                linked += await c.ExecuteAsync(db.Sql(Link), new { Repo = repo, incoming.RunId, Number = number }, tx);
            }
            var links = (await c.QueryAsync<long>(db.Sql(Links), new { Repo = repo, incoming.RunId }, tx)).ToList();
            if (links.Count == 0)
            {
                return [];
            }
            // A run shared by several PRs bills the lowest-numbered one: a usage event belongs to one PR.
            var bound = await binding.ToRunsPullRequestAsync(c, tx, repo, incoming.RunId, (int)links[0], ct);
            var changed = linked > 0 || bound > 0 || next != existing;
            return links.Select(n => new PullRequestChange(repo, (int)n, bound > 0 ? "usage-bound" : "workflow-run", changed)).ToList();
        }, ct);
    }

    private async Task<IReadOnlyList<long>> ResolveAsync(DbConnection c, DbTransaction tx, WorkflowRunRow run)
    {
        if (await c.ExecuteScalarAsync<long?>(db.Sql(PrBySha), run, tx) is { } bySha)
        {
            return [bySha];
        }
        if (run.HeadRepo is null || run.HeadBranch is null)
        {
            return [];
        }
        return await c.ExecuteScalarAsync<long?>(db.Sql(PrByHead), run, tx) is { } byHead ? [byHead] : [];
    }
}

// One row of workflow_runs: the latest attempt of a run as far as the events have told us.
internal sealed record WorkflowRunRow(
    string Repo,
    string RunId,
    long RunAttempt,
    string? Workflow,
    string? Event,
    string HeadSha,
    string? HeadBranch,
    string? HeadRepo,
    string Status,
    string? Conclusion,
    long? StartedAtMs,
    long? CompletedAtMs,
    long? DurationMs,
    long UpdatedAtMs);
