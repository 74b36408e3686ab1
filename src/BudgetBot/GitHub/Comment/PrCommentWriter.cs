using System.Security.Cryptography;
using System.Text;
using BudgetBot.Budgets;
using BudgetBot.Outbox;

namespace BudgetBot.GitHub;

// Sends one PR's sticky comment: renders the newest figures, then skips, debounces or writes per
// the policy's prComments settings. The outbox serialises calls per PR, so the find-then-create
// below never races another writer of the same comment.
internal sealed partial class PrCommentWriter(
    GitHubApi api,
    GitHubWriteState state,
    PrSpendReader reader,
    PrCommentModes modes,
    IPolicyProvider policy,
    OutboxStore outbox,
    IPullRequestDirectory directory,
    PullRequestLookup lookup,
    TimeProvider clock,
    ILogger<PrCommentWriter> logger)
{
    public async Task<OutboxResult> WriteAsync(string repo, int number, bool live, CancellationToken ct)
    {
        var settings = policy.Current.PrComments;
        if (settings.Mode == PrCommentMode.Off)
        {
            return OutboxResult.Skip("prComments mode is off");
        }
        var now = clock.GetUtcNow();
        var last = await state.CommentAsync(repo, number, ct);
        if (last.LastWriteMs is { } lastMs && DateTimeOffset.FromUnixTimeMilliseconds(lastMs).AddSeconds(settings.DebounceSeconds) is var due && due > now)
        {
            await outbox.EnqueueAsync(GitHubOutbox.Comment(repo, number, due), ct);
            return OutboxResult.Skip("debounced until " + due.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        // An ingest token may name any PR number: BudgetBot writes only to a PR a webhook announced or
        // the API verified (PullRequestLookup). The usage is stored and attributed meanwhile; the
        // pull_request webhook that makes the PR known schedules this refresh again.
        if (await directory.FindAsync(repo, number, ct) is null && (await lookup.FindAsync(repo, number, live, ct)).NotNow is { } notNow)
        {
            return notNow;
        }
        var spend = await reader.ReadAsync(repo, number, ct);
        if (spend.Events == 0)
        {
            return OutboxResult.Skip("no usage on this PR yet");
        }
        var body = PrCommentRenderer.Render(spend);
        var hash = Hash(body);
        var budgetState = string.Join(",", spend.Budgets.Select(b => b.Id + ":" + b.State.ToText()));
        if (hash == last.BodyHash)
        {
            return OutboxResult.Skip("body unchanged");
        }
        if (last.PostedTotalMicros is { } posted && Math.Abs(spend.TotalMicros - posted) < Money.ToMicros(settings.MinChangeUsd)
            && budgetState == last.PostedState)
        {
            return OutboxResult.Skip("change under minChangeUsd");
        }
        if (!live)
        {
            LogWouldSend(logger, GitHubOutbox.CommentTarget(repo, number), body.Length, settings.Mode);
            return OutboxResult.Skip("GitHub is not configured; logged instead");
        }
        var (installation, failure) = await api.InstallationForAsync(repo, ct);
        if (installation is not { } id)
        {
            return GitHubErrors.Classify(failure!, now, "installation lookup");
        }
        var written = await modes.WriteAsync(id, repo, number, body, settings.Mode, last, ct);
        if (written.Comment is not { } comment)
        {
            return written.Result;
        }
        await state.SaveCommentAsync(repo, number, new CommentState
        {
            CommentId = comment.Id, NodeId = comment.NodeId, BodyHash = hash, PostedTotalMicros = spend.TotalMicros,
            PostedState = budgetState, LastWriteMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        }, ct);
        LogWritten(logger, GitHubOutbox.CommentTarget(repo, number), comment.Id, body.Length);
        return OutboxResult.Sent;
    }

    internal static string Hash(string body) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body))).ToLowerInvariant();

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "GitHub is not configured: would write the {Mode} comment to {Target} ({Length} characters)")]
    private static partial void LogWouldSend(ILogger logger, string target, int length, PrCommentMode mode);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Wrote comment {CommentId} to {Target} ({Length} characters)")]
    private static partial void LogWritten(ILogger logger, string target, long commentId, int length);
}
