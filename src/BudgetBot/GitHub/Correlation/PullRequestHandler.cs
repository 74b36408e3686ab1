using BudgetBot.Storage;
using Dapper;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.PullRequest;

namespace BudgetBot.GitHub;

// pull_request → pull_requests (forward-only), pr_head_shas (every head the PR has had), runs of the
// PR that arrived before it, and late binding of usage stored before the PR was known (DESIGN §8).
internal sealed class PullRequestHandler(Database db, LateUsageBinding binding, TimeProvider clock)
{
    private const string Columns =
        "repo AS Repo, number AS Number, installation_id AS InstallationId, head_sha AS HeadSha, head_ref AS HeadRef, " +
        "head_repo AS HeadRepo, base_ref AS BaseRef, state AS State, merged AS Merged, merged_at_ms AS MergedAtMs, " +
        "title AS Title, author AS Author, updated_at_ms AS UpdatedAtMs";

    internal static readonly SqlStatement Find = new(
        "PullRequests.Find",
        $"SELECT {Columns} FROM pull_requests WHERE repo = @Repo AND number = @Number;",
        $"SELECT {Columns} FROM pull_requests WITH (UPDLOCK, HOLDLOCK) WHERE repo = @Repo AND number = @Number;");

    internal static readonly SqlStatement Insert = new(
        "PullRequests.Insert",
        "INSERT INTO pull_requests (repo, number, installation_id, head_sha, head_ref, head_repo, base_ref, state, merged, " +
        "merged_at_ms, title, author, updated_at_ms) VALUES (@Repo, @Number, @InstallationId, @HeadSha, @HeadRef, @HeadRepo, " +
        "@BaseRef, @State, @Merged, @MergedAtMs, @Title, @Author, @UpdatedAtMs);");

    internal static readonly SqlStatement Update = new(
        "PullRequests.Update",
        "UPDATE pull_requests SET installation_id = @InstallationId, head_sha = @HeadSha, head_ref = @HeadRef, " +
        "head_repo = @HeadRepo, base_ref = @BaseRef, state = @State, merged = @Merged, merged_at_ms = @MergedAtMs, " +
        "title = @Title, author = @Author, updated_at_ms = @UpdatedAtMs WHERE repo = @Repo AND number = @Number;");

    internal static readonly SqlStatement AddHeadSha = new(
        "PullRequests.AddHeadSha",
        "INSERT INTO pr_head_shas (repo, sha, number, seen_at_ms) VALUES (@Repo, @Sha, @Number, @Now) " +
        "ON CONFLICT (repo, sha, number) DO NOTHING;",
        "INSERT INTO pr_head_shas (repo, sha, number, seen_at_ms) SELECT @Repo, @Sha, @Number, @Now WHERE NOT EXISTS " +
        "(SELECT 1 FROM pr_head_shas WITH (UPDLOCK, HOLDLOCK) WHERE repo = @Repo AND sha = @Sha AND number = @Number);");

    // Runs stored before their PR was known (forks: empty pull_requests) join it by head SHA or head repo and branch.
    internal static readonly SqlStatement LinkRuns = new(
        "PullRequests.LinkRuns",
        "INSERT INTO workflow_run_prs (repo, run_id, number) SELECT r.repo, r.run_id, @Number FROM workflow_runs r " +
        "WHERE r.repo = @Repo AND (r.head_sha IN (SELECT s.sha FROM pr_head_shas s WHERE s.repo = @Repo AND s.number = @Number) " +
        "OR (r.head_repo = @HeadRepo AND r.head_branch = @HeadRef)) " +
        "AND NOT EXISTS (SELECT 1 FROM workflow_run_prs p WHERE p.repo = r.repo AND p.run_id = r.run_id);");

    public Task<PullRequestChange> HandleAsync(PullRequestEvent e, string action, CancellationToken ct)
    {
        var repo = (e.Repository ?? throw new InvalidOperationException("pull_request without repository")).FullName.ToLowerInvariant();
        var pr = e.PullRequest;
        var merged = pr.Merged == true || pr.MergedAt is not null;
        var incoming = new PullRequest(
            repo, (int)e.Number, e.Installation?.Id, pr.Head.Sha, pr.Head.Ref, pr.Head.Repo?.FullName.ToLowerInvariant(), pr.Base.Ref,
            pr.State.StringValue, merged, pr.MergedAt?.ToUnixTimeMilliseconds(), pr.Title, pr.User?.Login,
            pr.UpdatedAt.ToUnixTimeMilliseconds());
        var shas = new List<string> { pr.Head.Sha };
        if (e is PullRequestSynchronizeEvent sync)
        {
            shas.AddRange(new[] { sync.Before, sync.After }.Where(s => !string.IsNullOrEmpty(s) && s.Trim('0').Length > 0));
        }
        return StoreAsync(incoming, shas, action, ct);
    }

    // A PR as a webhook (or, for a PR no webhook announced, the REST API) describes it, with the head
    // SHAs it names: merged into the index forward-only, then its runs and stored usage bound to it.
    public Task<PullRequestChange> StoreAsync(PullRequest incoming, IReadOnlyList<string> shas, string action, CancellationToken ct)
    {
        var repo = incoming.Repo;
        return db.WriteAsync(async (c, tx) =>
        {
            var key = new { Repo = repo, incoming.Number };
            var existing = await c.QuerySingleOrDefaultAsync<PullRequest>(db.Sql(Find), key, tx);
            var next = PullRequestMerge.Apply(existing, incoming, action);
            if (existing is null)
            {
                await c.ExecuteAsync(db.Sql(Insert), next, tx);
            }
            else if (next != existing)
            {
                await c.ExecuteAsync(db.Sql(Update), next, tx);
            }
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var sha in shas.Distinct(StringComparer.Ordinal))
            {
                await c.ExecuteAsync(db.Sql(AddHeadSha), new { Repo = repo, Sha = sha, incoming.Number, Now = now }, tx);
            }
            var args = new { Repo = repo, next.Number, next.HeadRepo, next.HeadRef };
            await c.ExecuteAsync(db.Sql(LinkRuns), args, tx);
            var bound = await binding.ToPullRequestAsync(c, tx, next, ct);
            var reason = PullRequestMerge.Reason(existing, next) ?? (bound > 0 ? "usage-bound" : "pull-request");
            return new PullRequestChange(repo, next.Number, reason, reason != "pull-request");
        }, ct);
    }
}
