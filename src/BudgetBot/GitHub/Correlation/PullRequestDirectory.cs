using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.GitHub;

// The correlation index as the comment and check-run writers read it.
internal sealed class PullRequestDirectory(Database db) : IPullRequestDirectory
{
    internal static readonly SqlStatement Find = new(
        "PullRequestDirectory.Find",
        "SELECT p.repo AS Repo, p.number AS Number, COALESCE(p.installation_id, r.installation_id) AS InstallationId, " +
        "p.head_sha AS HeadSha, p.head_ref AS HeadRef, p.head_repo AS HeadRepo, p.base_ref AS BaseRef, p.state AS State, " +
        "p.merged AS Merged, p.merged_at_ms AS MergedAtMs, p.title AS Title, p.author AS Author, p.updated_at_ms AS UpdatedAtMs " +
        "FROM pull_requests p LEFT JOIN github_repositories r ON r.repo = p.repo AND r.active = 1 " +
        "WHERE p.repo = @Repo AND p.number = @Number;");

    // The repository's current installation; else the one its PR events last came through.
    internal static readonly SqlStatement Installation = new(
        "PullRequestDirectory.Installation",
        "SELECT COALESCE((SELECT MAX(installation_id) FROM github_repositories WHERE repo = @Repo AND active = 1), " +
        "(SELECT MAX(installation_id) FROM pull_requests WHERE repo = @Repo));");

    public Task<PullRequest?> FindAsync(string repo, int number, CancellationToken ct) =>
        db.ReadAsync(c => c.QuerySingleOrDefaultAsync<PullRequest>(db.Sql(Find), new { Repo = repo.ToLowerInvariant(), Number = (long)number }), ct);

    public Task<long?> InstallationForAsync(string repo, CancellationToken ct) =>
        db.ReadAsync(c => c.ExecuteScalarAsync<long?>(db.Sql(Installation), new { Repo = repo.ToLowerInvariant() }), ct);
}

// Read side of the correlation index, for the comment and check-run writers.
internal interface IPullRequestDirectory
{
    Task<PullRequest?> FindAsync(string repo, int number, CancellationToken ct);

    Task<long?> InstallationForAsync(string repo, CancellationToken ct);
}
