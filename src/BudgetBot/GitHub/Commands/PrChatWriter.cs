using BudgetBot.Outbox;

namespace BudgetBot.GitHub;

// Sends the rows PrChat queues: POST /repos/{o}/{r}/issues/{n}/comments for a reply and
// POST /repos/{o}/{r}/issues/comments/{id}/reactions for a reaction (GitHub answers 200 when that
// reaction is there already, so a retried row is harmless).
internal sealed partial class PrChatWriter(GitHubApi api, TimeProvider clock, ILogger<PrChatWriter> logger)
{
    public async Task<OutboxResult> SendAsync(OutboxMessage message, string repo, int number, bool live, CancellationToken ct)
    {
        var (path, body, what) = message.Kind == PrChat.ReplyKind
            ? ($"repos/{repo}/issues/{number}/comments", (object)new { Body = PrChat.Text(message.Payload, "body") ?? "" }, "reply")
            : ($"repos/{repo}/issues/comments/{PrChat.Text(message.Payload, "comment_id")}/reactions",
                new { Content = PrChat.Text(message.Payload, "content") ?? PrChat.Done }, "reaction");
        if (!live)
        {
            LogWouldSend(logger, what, message.Target);
            return OutboxResult.Skip("GitHub is not configured; logged instead");
        }
        var now = clock.GetUtcNow();
        var (installation, failure) = await api.InstallationForAsync(repo, ct);
        if (installation is not { } id)
        {
            return GitHubErrors.Classify(failure!, now, "installation lookup");
        }
        var r = await api.SendAsync(id, HttpMethod.Post, path, body, ct);
        if (!r.IsSuccess)
        {
            return GitHubErrors.Classify(r, now, what);
        }
        LogSent(logger, what, message.Target);
        return OutboxResult.Sent;
    }

    [LoggerMessage(EventId = 14001, Level = LogLevel.Information, Message = "GitHub is not configured: would send a {What} to {Target}")]
    private static partial void LogWouldSend(ILogger logger, string what, string target);

    [LoggerMessage(EventId = 14002, Level = LogLevel.Information, Message = "Sent a {What} to {Target}")]
    private static partial void LogSent(ILogger logger, string what, string target);
}
