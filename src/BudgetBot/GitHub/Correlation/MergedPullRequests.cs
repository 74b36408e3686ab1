using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.GitHub;

// Merge data from the correlation index, for the digest's cost per merged PR.
internal sealed class MergedPullRequests(Database db) : IMergedPullRequests
{
    internal static readonly SqlStatement Between = new(
        "MergedPullRequests.Between",
        "SELECT repo AS Repo, number AS Number, installation_id AS InstallationId, head_sha AS HeadSha, head_ref AS HeadRef, " +
        "head_repo AS HeadRepo, base_ref AS BaseRef, state AS State, merged AS Merged, merged_at_ms AS MergedAtMs, title AS Title, " +
        "author AS Author, updated_at_ms AS UpdatedAtMs FROM pull_requests WHERE merged = 1 AND merged_at_ms >= @From AND merged_at_ms < @To;");

    public async Task<IReadOnlyList<PullRequest>?> MergedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<PullRequest>(db.Sql(Between),
            new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() }), ct)).ToList();
}

// Merged pull requests, for cost per merged PR in the digest. Null means merge data is not known
// (no GitHub integration registered): the digest then ranks workflows by cost per run alone.
// The correlation index replaces the default with services.AddSingleton<IMergedPullRequests, ...>().
internal interface IMergedPullRequests
{
    Task<IReadOnlyList<PullRequest>?> MergedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

internal sealed class NoMergedPullRequests : IMergedPullRequests
{
    public Task<IReadOnlyList<PullRequest>?> MergedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PullRequest>?>(null);
}
