using BudgetBot.Outbox;
using BudgetBot.Policy;

namespace BudgetBot.GitHub;

// Sends the "BudgetBot / budget" check for a PR's current head SHA: created once per SHA (so each
// new head gets its own), then edited only when the verdict changes.
internal sealed partial class CheckRunWriter(
    GitHubApi api,
    GitHubWriteState state,
    PrSpendReader reader,
    IServiceProvider services,
    IPolicyProvider policy,
    TimeProvider clock,
    ILogger<CheckRunWriter> logger)
{
    public async Task<OutboxResult> WriteAsync(string repo, int number, bool live, CancellationToken ct)
    {
        var info = services.GetService<IPullRequestDirectory>() is { } directory ? await directory.FindAsync(repo, number, ct) : null;
        if (info is null || string.IsNullOrEmpty(info.HeadSha))
        {
            return OutboxResult.Skip("head SHA unknown");
        }
        var spend = await reader.ReadAsync(repo, number, ct);
        var decision = CheckRunDecision.Decide(spend.Budgets);
        var hash = decision.Hash();
        var last = await state.CheckAsync(repo, info.HeadSha, ct);
        if (last is not null && last.DecisionHash == hash)
        {
            return OutboxResult.Skip("check unchanged");
        }
        if (!live)
        {
            LogWouldSend(logger, GitHubOutbox.CheckTarget(repo, number), info.HeadSha, decision.Conclusion);
            return OutboxResult.Skip("GitHub is not configured; logged instead");
        }
        var now = clock.GetUtcNow();
        var (installation, failure) = info.InstallationId is { } known ? (known, null) : await api.InstallationForAsync(repo, ct);
        if (installation is not { } id)
        {
            return GitHubErrors.Classify(failure!, now, "installation lookup");
        }
        var output = new { decision.Title, decision.Summary };
        var actions = Actions(decision, policy.Current.Requests.DefaultUsd);
        var completedAt = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        GitHubResponse? r = null;
        if (last is not null)
        {
            r = await api.SendAsync(id, HttpMethod.Patch, $"repos/{repo}/check-runs/{last.CheckRunId}",
                new { Status = "completed", decision.Conclusion, CompletedAt = completedAt, Output = output, Actions = actions }, ct);
        }
        if (r is null || r.Status == 404)
        {
            r = await api.SendAsync(id, HttpMethod.Post, $"repos/{repo}/check-runs", new
            {
                Name = CheckRunDecision.Name, HeadSha = info.HeadSha, ExternalId = $"{number}:{info.HeadSha}", Status = "completed",
                decision.Conclusion, CompletedAt = completedAt, Output = output, Actions = actions,
            }, ct);
        }
        if (!r.IsSuccess)
        {
            return GitHubErrors.Classify(r, now, "check run");
        }
        var checkRunId = r.Body.GetProperty("id").GetInt64();
        await state.SaveCheckAsync(repo, info.HeadSha, number, checkRunId, hash, now, ct);
        LogWritten(logger, GitHubOutbox.CheckTarget(repo, number), info.HeadSha, decision.Conclusion);
        return OutboxResult.Sent;
    }

    // The button while the check fails or warns and the policy names an amount; an empty list takes
    // it away again once the check passes.
    internal static object[] Actions(CheckRunDecision decision, decimal? defaultUsd) => decision.Blocks && defaultUsd is { } usd
        ? [new { Label = CheckRunDecision.RequestBudgetLabel, Description = $"Ask for {Markdown.Usd(usd)} more in Slack", Identifier = CheckRunDecision.RequestBudgetAction }]
        : [];

    [LoggerMessage(EventId = 3120, Level = LogLevel.Information, Message = "GitHub is not configured: would set the check on {Target} at {Sha} to {Conclusion}")]
    private static partial void LogWouldSend(ILogger logger, string target, string sha, string conclusion);

    [LoggerMessage(EventId = 3121, Level = LogLevel.Information, Message = "Check on {Target} at {Sha} is {Conclusion}")]
    private static partial void LogWritten(ILogger logger, string target, string sha, string conclusion);
}
