using System.Data.Common;
using System.Text.Json.Nodes;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Slack;

// Shares a file in a channel the way Slack takes files now (files.upload is retired): get an upload
// URL and file id, POST the bytes there, complete the upload into the channel. The three calls are one
// outbox row of kind Kind. The file id is stored before the bytes go, so a retry (or a restart) after
// Slack gave it reuses that file: the channel never gets the same chart twice.
internal sealed class SlackFileUploads(Database db, ISlackApi api, TimeProvider clock)
{
    public const string Kind = "files.uploadExternal";

    internal static readonly SqlStatement Reserve = new(
        "Slack.ReserveUpload",
        "INSERT INTO slack_file_uploads (upload_key, created_at_ms) VALUES (@Key, @Now) ON CONFLICT (upload_key) DO NOTHING;",
        "INSERT INTO slack_file_uploads (upload_key, created_at_ms) SELECT @Key, @Now WHERE NOT EXISTS " +
        "(SELECT 1 FROM slack_file_uploads WITH (UPDLOCK, HOLDLOCK) WHERE upload_key = @Key);");

    internal static readonly SqlStatement Find = new(
        "Slack.FindUpload",
        "SELECT file_id AS FileId, upload_url AS UploadUrl, completed_at_ms AS CompletedAtMs FROM slack_file_uploads WHERE upload_key = @Key;");

    internal static readonly SqlStatement SetFile = new(
        "Slack.SetUploadFile",
        "UPDATE slack_file_uploads SET file_id = @FileId, upload_url = @UploadUrl WHERE upload_key = @Key AND file_id IS NULL;");

    internal static readonly SqlStatement Complete = new(
        "Slack.CompleteUpload",
        "UPDATE slack_file_uploads SET completed_at_ms = @Now WHERE upload_key = @Key;");

    // In the caller's transaction, insert-first: false when a file under this key is already queued.
    public async Task<bool> ReserveAsync(DbConnection c, DbTransaction tx, string key)
    {
        try
        {
            return await c.ExecuteAsync(db.Sql(Reserve), new { Key = key, Now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, tx) == 1;
        }
        catch (Exception e) when (Constraints.IsDuplicateKey(e))
        {
            // Two writers raced past NOT EXISTS: the key says the file is already queued.
            return false;
        }
    }

    // The outbox row's payload: what the three calls need, the bytes in base64.
    public static JsonObject Args(string key, string channel, string filename, string title, string altText, string comment, byte[] content) => new()
    {
        ["upload_key"] = key, ["channel_id"] = channel, ["filename"] = filename, ["title"] = title, ["alt_txt"] = altText,
        ["initial_comment"] = comment, ["content_base64"] = Convert.ToBase64String(content),
    };

    public async Task SendAsync(JsonObject args, CancellationToken ct)
    {
        var key = args["upload_key"]!.GetValue<string>();
        var row = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<UploadRow>(db.Sql(Find), new { Key = key }), ct)
            ?? throw new InvalidOperationException($"upload {key} was never reserved");
        if (row.CompletedAtMs is not null)
        {
            return;
        }
        var content = Convert.FromBase64String(args["content_base64"]!.GetValue<string>());
        if (row.FileId is null || row.UploadUrl is null)
        {
            var answer = await api.CallAsync("files.getUploadURLExternal", new JsonObject
            {
                ["filename"] = args["filename"]!.GetValue<string>(), ["length"] = content.Length, ["alt_txt"] = args["alt_txt"]!.GetValue<string>(),
            }, ct);
            var given = new UploadRow(answer.GetProperty("file_id").GetString(), answer.GetProperty("upload_url").GetString(), null);
            await db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(SetFile), new { Key = key, given.FileId, given.UploadUrl }, tx), ct);
            // Whoever stored a file first wins; this attempt goes on with that one.
            row = await db.ReadAsync(c => c.QuerySingleAsync<UploadRow>(db.Sql(Find), new { Key = key }), ct);
        }
        await api.UploadAsync(new Uri(row.UploadUrl!), content, ct);
        await api.CallAsync("files.completeUploadExternal", new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = row.FileId, ["title"] = args["title"]!.GetValue<string>() }),
            ["channel_id"] = args["channel_id"]!.GetValue<string>(),
            ["initial_comment"] = args["initial_comment"]!.GetValue<string>(),
        }, ct);
        await db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Complete), new { Key = key, Now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, tx), ct);
    }

    private sealed record UploadRow(string? FileId, string? UploadUrl, long? CompletedAtMs);
}
