using BudgetBot.Outbox;

namespace BudgetBot.GitHub;

// The outbox contract for GitHub: channel "github"; kind "pr-comment" or "check-run"; target the
// coalescing and serialisation key, one per PR and kind, so a newer refresh supersedes an unsent
// older one and two writes to one PR's comment never run at once.
internal static class GitHubOutbox
{
    public const string Channel = "github";
    public const string CommentKind = "pr-comment";
    public const string CheckKind = "check-run";

    public static string CommentTarget(string repo, int number) => $"github:{repo}#{number}:comment";

    public static string CheckTarget(string repo, int number) => $"github:{repo}#{number}:check";

    public static OutboxEnqueue Comment(PrTarget pr, DateTimeOffset due) =>
        new(Channel, CommentKind, CommentTarget(pr.Repo, pr.Number), pr.ToJson(), due, Coalesce: true);

    public static OutboxEnqueue Check(PrTarget pr, DateTimeOffset due) =>
        new(Channel, CheckKind, CheckTarget(pr.Repo, pr.Number), pr.ToJson(), due, Coalesce: true);
}
