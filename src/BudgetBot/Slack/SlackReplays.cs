using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Slack;

// Slack's signature scheme accepts a byte-identical request again for 5 minutes either side of its
// timestamp, so a replayed /budget request would file twice. Each verified request's signature is
// claimed insert-first in the shared database (every instance sees it); the first answer is stored
// and a replay gets that answer without acting. Rows live 10 minutes: the widest a signature's
// window can span between its first and last acceptance. See docs/decisions/slack-replays-answered-once.md.
internal sealed partial class SlackReplays(Database db, TimeProvider clock, ILogger<SlackReplays> logger)
{
    public static readonly TimeSpan Remembered = 2 * SlackSignature.Window;

    // A replay that arrives while the first request is still being answered waits this long for it.
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(2);

    internal static readonly SqlStatement Prune = new("Slack.PruneReplays", "DELETE FROM slack_replays WHERE received_at_ms < @BeforeMs;");

    internal static readonly SqlStatement Claim = new(
        "Slack.ClaimReplay", "INSERT INTO slack_replays (signature, received_at_ms, status, content_type, body) VALUES (@Signature, @NowMs, NULL, NULL, NULL);");

    internal static readonly SqlStatement Answer = new(
        "Slack.ReplayAnswer", "SELECT status AS Status, content_type AS ContentType, body AS Body FROM slack_replays WHERE signature = @Signature;");

    internal static readonly SqlStatement Keep = new(
        "Slack.KeepAnswer", "UPDATE slack_replays SET status = @Status, content_type = @ContentType, body = @Body WHERE signature = @Signature;");

    internal static readonly SqlStatement Release = new("Slack.ReleaseReplay", "DELETE FROM slack_replays WHERE signature = @Signature;");

    public async Task<IResult> OnceAsync(string signature, string path, Func<Task<SlackAnswer>> act, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var claimed = await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(db.Sql(Prune), new { BeforeMs = now - (long)Remembered.TotalMilliseconds }, tx);
            try
            {
                await c.ExecuteAsync(db.Sql(Claim), new { Signature = signature, NowMs = now }, tx);
                return true;
            }
            catch (Exception e) when (Constraints.IsDuplicateKey(e))
            {
                return false;
            }
        }, ct);
        if (!claimed)
        {
            LogReplay(logger, path);
            return (await FirstAnswerAsync(signature, ct) ?? SlackAnswer.Empty).ToResult();
        }
        SlackAnswer answer;
        try
        {
            answer = await act();
        }
        catch (Exception)
        {
            // Nothing was answered: let Slack's retry (or the replay) act instead of being told nothing.
            await db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Release), new { Signature = signature }, tx), CancellationToken.None);
            throw;
        }
        await db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Keep), new { Signature = signature, answer.Status, answer.ContentType, answer.Body }, tx), ct);
        return answer.ToResult();
    }

    private async Task<SlackAnswer?> FirstAnswerAsync(string signature, CancellationToken ct)
    {
        var deadline = Environment.TickCount64 + (long)WaitForFirst.TotalMilliseconds;
        while (true)
        {
            var row = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<StoredAnswer>(db.Sql(Answer), new { Signature = signature }), ct);
            if (row?.Status is { } status)
            {
                return new SlackAnswer((int)status, row.ContentType, row.Body ?? "");
            }
            if (row is null || Environment.TickCount64 > deadline)
            {
                return null;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
    }

    private sealed class StoredAnswer
    {
        public long? Status { get; init; }

        public string? ContentType { get; init; }

        public string? Body { get; init; }
    }

    [LoggerMessage(EventId = 16000, Level = LogLevel.Information, Message = "A replayed Slack request to {Path} was answered with the first answer and not acted on")]
    private static partial void LogReplay(ILogger logger, string path);
}
