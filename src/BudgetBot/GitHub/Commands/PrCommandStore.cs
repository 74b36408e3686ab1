using System.Data.Common;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.GitHub;

// github_commands: one row per command taken (comment:<id>, action:<delivery>), inserted first in the
// transaction that acts on it, so a redelivery or a retry meets the primary key and does nothing.
// open_key ({repo}#{pr}:{login}) is held while the row's request is pending; its unique index makes a
// burst of identical requests file one.
internal sealed class PrCommandStore(Database db)
{
    internal static readonly SqlStatement Insert = new(
        "GitHubCommands.Insert",
        "INSERT INTO github_commands (command_key, repo, pr, login, source_url, open_key, request_id, created_at_ms) " +
        "VALUES (@Key, @Repo, @Pr, @Login, @SourceUrl, @OpenKey, NULL, @Now);");

    internal static readonly SqlStatement Exists = new(
        "GitHubCommands.Exists", "SELECT COUNT(*) FROM github_commands WHERE command_key = @Key;");

    internal static readonly SqlStatement Filed = new(
        "GitHubCommands.Filed", "UPDATE github_commands SET request_id = @RequestId WHERE command_key = @Key;");

    internal static readonly SqlStatement Release = new(
        "GitHubCommands.Release", "UPDATE github_commands SET open_key = NULL WHERE command_key = @Key;");

    internal static readonly SqlStatement FindOpen = new(
        "GitHubCommands.FindOpen",
        "SELECT request_id AS RequestId, source_url AS SourceUrl FROM github_commands WHERE open_key = @OpenKey;");

    internal static readonly SqlStatement ForRequest = new(
        "GitHubCommands.ForRequest",
        "SELECT repo AS Repo, pr AS Pr, login AS Login FROM github_commands WHERE request_id = @RequestId;");

    internal static readonly SqlStatement Close = new(
        "GitHubCommands.Close", "UPDATE github_commands SET open_key = NULL WHERE request_id = @RequestId;");

    public static string OpenKey(string repo, int pr, string login) => $"{repo}#{pr}:{login}".ToLowerInvariant();

    public Task InsertAsync(DbConnection c, DbTransaction tx, PrCommandRow row, DateTimeOffset now) =>
        c.ExecuteAsync(db.Sql(Insert), new { row.Key, row.Repo, row.Pr, row.Login, row.SourceUrl, row.OpenKey, Now = now.ToUnixTimeMilliseconds() }, tx);

    public async Task<bool> ExistsAsync(string key, CancellationToken ct) =>
        await db.ReadAsync(c => c.ExecuteScalarAsync<long>(db.Sql(Exists), new { Key = key }), ct) > 0;

    public Task FiledAsync(DbConnection c, DbTransaction tx, string key, long requestId) =>
        c.ExecuteAsync(db.Sql(Filed), new { Key = key, RequestId = requestId }, tx);

    public Task ReleaseAsync(DbConnection c, DbTransaction tx, string key) =>
        c.ExecuteAsync(db.Sql(Release), new { Key = key }, tx);

    public Task<OpenRequest?> FindOpenAsync(DbConnection c, DbTransaction tx, string openKey) =>
        c.QuerySingleOrDefaultAsync<OpenRequest>(db.Sql(FindOpen), new { OpenKey = openKey }, tx);

    public async Task<IReadOnlyList<RequestLink>> ForRequestAsync(DbConnection c, DbTransaction tx, long requestId) =>
        (await c.QueryAsync<RequestLink>(db.Sql(ForRequest), new { RequestId = requestId }, tx)).ToList();

    public Task CloseAsync(DbConnection c, DbTransaction tx, long requestId) =>
        c.ExecuteAsync(db.Sql(Close), new { RequestId = requestId }, tx);
}

internal sealed record PrCommandRow(string Key, string Repo, int Pr, string Login, string? SourceUrl, string? OpenKey);

// Classes rather than positional records, so Dapper maps them on both dialects.
internal sealed class OpenRequest
{
    public long? RequestId { get; init; }
    public string? SourceUrl { get; init; }
}

internal sealed class RequestLink
{
    public string Repo { get; init; } = "";
    public int Pr { get; init; }
    public string Login { get; init; } = "";
}
