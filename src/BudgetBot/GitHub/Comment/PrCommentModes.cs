using BudgetBot.Outbox;
using BudgetBot.Budgets;

namespace BudgetBot.GitHub;

// The four ways of refreshing the comment (update, hide-and-new, new; off never gets here). Update
// edits the marked comment in place, finding it by its marker when no id is stored, and recreates
// it when a user deleted it; hide-and-new minimizes the old one as OUTDATED, then posts anew.
internal sealed class PrCommentModes(GitHubApi api, TimeProvider clock)
{
    private const string Minimize =
        "mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) { minimizedComment { isMinimized } } }";

    internal const int MaxPages = 30;

    public async Task<(OutboxResult Result, PostedComment? Comment)> WriteAsync(
        long installation, string repo, int number, string body, PrCommentMode mode, CommentState last, CancellationToken ct)
    {
        var existing = last.CommentId is { } id ? new PostedComment(id, last.NodeId) : null;
        if (existing is null && mode != PrCommentMode.New)
        {
            var (found, failure) = await FindAsync(installation, repo, number, ct);
            if (failure is not null)
            {
                return (Failed(failure, "list comments"), null);
            }
            existing = found;
        }
        if (mode == PrCommentMode.Update && existing is not null)
        {
            var patched = await api.SendAsync(installation, HttpMethod.Patch, $"repos/{repo}/issues/comments/{existing.Id}", new { Body = body }, ct);
            if (patched.IsSuccess)
            {
                return (OutboxResult.Sent, Read(patched));
            }
            if (patched.Status != 404)
            {
                return (Failed(patched, "edit comment"), null);
            }
        }
        if (mode == PrCommentMode.HideAndNew && existing?.NodeId is { } nodeId)
        {
            var hidden = await api.GraphQlAsync(installation, Minimize, new { id = nodeId }, ct);
            if (!hidden.IsSuccess)
            {
                return (Failed(hidden, "minimize comment"), null);
            }
        }
        var created = await api.SendAsync(installation, HttpMethod.Post, $"repos/{repo}/issues/{number}/comments", new { Body = body }, ct);
        return created.IsSuccess ? (OutboxResult.Sent, Read(created)) : (Failed(created, "create comment"), null);
    }

    // Oldest marked comment first, as the sticky comment is the first one we ever wrote.
    private async Task<(PostedComment? Found, GitHubResponse? Failure)> FindAsync(long installation, string repo, int number, CancellationToken ct)
    {
        for (var page = 1; page <= MaxPages; page++)
        {
            var r = await api.SendAsync(installation, HttpMethod.Get, $"repos/{repo}/issues/{number}/comments?per_page=100&page={page}", null, ct);
            if (!r.IsSuccess)
            {
                return (null, r);
            }
            var count = 0;
            foreach (var c in r.Body.EnumerateArray())
            {
                count++;
                if (c.TryGetProperty("body", out var b) && b.GetString() is { } text && text.Contains(PrCommentRenderer.Marker, StringComparison.Ordinal))
                {
                    return (new PostedComment(c.GetProperty("id").GetInt64(), c.TryGetProperty("node_id", out var n) ? n.GetString() : null), null);
                }
            }
            if (count < 100)
            {
                break;
            }
        }
        return (null, null);
    }

    private OutboxResult Failed(GitHubResponse r, string what) => GitHubErrors.Classify(r, clock.GetUtcNow(), what);

    private static PostedComment Read(GitHubResponse r) =>
        new(r.Body.GetProperty("id").GetInt64(), r.Body.TryGetProperty("node_id", out var n) ? n.GetString() : null);
}

// A comment on GitHub: its REST id (for PATCH) and GraphQL node id (for minimizeComment).
internal sealed record PostedComment(long Id, string? NodeId);
