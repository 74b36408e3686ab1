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

    public async Task<IReadOnlyList<PullRequestInfo>?> MergedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rows = await db.ReadAsync(c => c.QueryAsync<PullRequestRow>(db.Sql(Between),
            new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() }), ct);
        return rows.Select(r => new PullRequestInfo(
            r.Repo, (int)r.Number, r.HeadSha, r.HeadRef, r.State, r.Merged == 1,
            r.MergedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, r.InstallationId, r.Title, r.Author)).ToList();
    }
}
