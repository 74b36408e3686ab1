using BudgetBot.Outbox;
using Microsoft.Extensions.Options;

namespace BudgetBot.GitHub;

// The outbox sender of channel "github". Without GitHub configured it still renders and decides,
// and logs what it would have sent (target and size, never the body or a secret).
internal sealed class GitHubSender(
    PrCommentWriter comments,
    CheckRunWriter checks,
    PrChatWriter chat,
    IOptions<GitHubOptions> options) : IOutboxSender
{
    public string Channel => GitHubOutbox.Channel;

    public Task<OutboxResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (GitHubOutbox.Parse(message.Payload) is not { } pr)
        {
            return Task.FromResult(OutboxResult.Fail("payload is not {repo, number}"));
        }
        var live = options.Value.IsConfigured;
        return message.Kind switch
        {
            GitHubOutbox.CommentKind => comments.WriteAsync(pr.Repo, pr.Number, live, ct),
            GitHubOutbox.CheckKind => checks.WriteAsync(pr.Repo, pr.Number, live, ct),
            PrChat.ReplyKind or PrChat.ReactionKind => chat.SendAsync(message, pr.Repo, pr.Number, live, ct),
            _ => Task.FromResult(OutboxResult.Fail("unknown GitHub message kind " + message.Kind)),
        };
    }
}
