using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetBot.Outbox;

namespace BudgetBot.GitHub;

// The outbox rows of a conversation on a PR: reply comments (kind "pr-reply") and reactions to a
// command (kind "reaction"). All share one target per PR, so the outbox sends them one at a time in
// the order they were queued (eyes, the reply, then +1 or confused). They never coalesce: every
// reply is its own comment. The payload carries {repo, number} like every GitHub row, plus the text.
internal static class PrChat
{
    public const string ReplyKind = "pr-reply";
    public const string ReactionKind = "reaction";

    public const string Taken = "eyes";
    public const string Done = "+1";
    public const string Confused = "confused";

    public static string Target(string repo, int number) => $"github:{repo}#{number}:chat";

    public static OutboxEnqueue Reply(string repo, int number, string body, DateTimeOffset now) =>
        new(GitHubOutbox.Channel, ReplyKind, Target(repo, number),
            new JsonObject { ["repo"] = repo, ["number"] = number, ["body"] = body }.ToJsonString(), now, Coalesce: false);

    public static OutboxEnqueue Reaction(string repo, int number, long commentId, string content, DateTimeOffset now) =>
        new(GitHubOutbox.Channel, ReactionKind, Target(repo, number),
            new JsonObject { ["repo"] = repo, ["number"] = number, ["comment_id"] = commentId, ["content"] = content }.ToJsonString(), now, Coalesce: false);

    public static string? Text(string payload, string name)
    {
        using var doc = JsonDocument.Parse(payload);
        return doc.RootElement.TryGetProperty(name, out var v) ? v.ToString() : null;
    }
}
