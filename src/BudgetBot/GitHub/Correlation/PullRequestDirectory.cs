using System.Text.Json;
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

    // Which of a repository's PR numbers are merged, in one query (the numbers as a JSON array): the
    // PR comment's typical-PR line asks this of up to 200 PRs.
    internal static readonly SqlStatement MergedAmong = new(
        "PullRequestDirectory.MergedAmong",
        "SELECT number FROM pull_requests WHERE repo = @Repo AND merged = 1 AND number IN (SELECT value FROM json_each(@Numbers));",
        "SELECT number FROM pull_requests WHERE repo = @Repo AND merged = 1 AND number IN (SELECT CAST(value AS BIGINT) FROM OPENJSON(@Numbers));");

    public async Task<IReadOnlySet<int>> MergedAmongAsync(string repo, IReadOnlyList<int> numbers, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<long>(db.Sql(MergedAmong),
            new { Repo = repo.ToLowerInvariant(), Numbers = JsonSerializer.Serialize(numbers) }), ct)).Select(n => (int)n).ToHashSet();

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

    // Which of numbers are merged PRs of repo. The store answers in one query; this default asks one by one.
    async Task<IReadOnlySet<int>> MergedAmongAsync(string repo, IReadOnlyList<int> numbers, CancellationToken ct)
    {
        var merged = new HashSet<int>();
        foreach (var number in numbers)
        {
            if (await FindAsync(repo, number, ct) is { Merged: true })
            {
                merged.Add(number);
            }
        }
        return merged;
    }
}
