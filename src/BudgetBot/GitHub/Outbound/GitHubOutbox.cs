using System.Text.Json;
using BudgetBot.Outbox;

namespace BudgetBot.GitHub;

// The outbox contract for GitHub: channel "github"; kind "pr-comment" or "check-run"; target the
// coalescing and serialisation key, one per PR and kind, so a newer refresh supersedes an unsent
// older one and two writes to one PR's comment never run at once. The payload names only the PR
// ({repo, number}): the body is rendered when the row is sent, so a row that waited behind a
// debounce still posts the newest figures.
internal static class GitHubOutbox
{
    public const string Channel = "github";
    public const string CommentKind = "pr-comment";
    public const string CheckKind = "check-run";

    public static string CommentTarget(string repo, int number) => $"github:{repo}#{number}:comment";

    public static string CheckTarget(string repo, int number) => $"github:{repo}#{number}:check";

    public static OutboxEnqueue Comment(string repo, int number, DateTimeOffset due) =>
        new(Channel, CommentKind, CommentTarget(repo, number), Payload(repo, number), due, Coalesce: true);

    public static OutboxEnqueue Check(string repo, int number, DateTimeOffset due) =>
        new(Channel, CheckKind, CheckTarget(repo, number), Payload(repo, number), due, Coalesce: true);

    public static string Payload(string repo, int number) => JsonSerializer.Serialize(new { repo, number });

    public static (string Repo, int Number)? Parse(string payload)
    {
        try
        {
            var e = JsonDocument.Parse(payload).RootElement;
            return e.TryGetProperty("repo", out var repo) && repo.GetString() is { Length: > 0 } r
                && e.TryGetProperty("number", out var number) && number.TryGetInt32(out var n)
                ? (r.ToLowerInvariant(), n)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
