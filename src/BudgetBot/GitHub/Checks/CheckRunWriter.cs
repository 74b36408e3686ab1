using BudgetBot.Budgets;
using BudgetBot.Outbox;

namespace BudgetBot.GitHub;

// Sends the "BudgetBot / budget" check for a PR's current head SHA: created once per SHA (so each
// new head gets its own), then edited only when the verdict changes.
internal sealed partial class CheckRunWriter(
    GitHubApi api,
    GitHubWriteState state,
    PrSpendReader reader,
    IPullRequestDirectory directory,
    PullRequestLookup lookup,
    IPolicyProvider policy,
    TimeProvider clock,
    ILogger<CheckRunWriter> logger)
{
    public async Task<OutboxResult> WriteAsync(string repo, int number, bool live, CancellationToken ct)
    {
        var info = await directory.FindAsync(repo, number, ct);
        if (info is null)
        {
            (info, var notNow) = await lookup.FindAsync(repo, number, live, ct);
            if (notNow is not null)
            {
                return notNow.Outcome == OutboxOutcome.Skipped ? OutboxResult.Skip("head SHA unknown") : notNow;
            }
        }
        if (info is null || string.IsNullOrEmpty(info.HeadSha))
        {
            return OutboxResult.Skip("head SHA unknown");
        }
        // A closed PR gets no check, and an open one only once there is something to say: usage of its
        // own, or a budget of its scope past a threshold.
        if (info.State != "open")
        {
            return OutboxResult.Skip("pull request is not open");
        }
        var spend = await reader.ReadAsync(repo, number, ct);
        if (spend.Events == 0 && spend.Budgets.All(b => b.State == BudgetState.Ok))
        {
            return OutboxResult.Skip("no usage and no budget past a threshold");
        }
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
            // A crash between GitHub's answer and SaveCheckAsync leaves a check BudgetBot does not
            // know of: find it by its external id before creating a second one for the SHA.
            var externalId = $"{number}:{info.HeadSha}";
            var (existing, lookupFailure) = await FindAsync(id, repo, info.HeadSha, externalId, ct);
            if (lookupFailure is not null)
            {
                return GitHubErrors.Classify(lookupFailure, now, "check run lookup");
            }
            r = existing is { } found
                ? await api.SendAsync(id, HttpMethod.Patch, $"repos/{repo}/check-runs/{found}",
                    new { Status = "completed", decision.Conclusion, CompletedAt = completedAt, Output = output, Actions = actions }, ct)
                : await api.SendAsync(id, HttpMethod.Post, $"repos/{repo}/check-runs", new
                {
                    Name = CheckRunDecision.Name, HeadSha = info.HeadSha, ExternalId = externalId, Status = "completed",
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

    private async Task<(long? Id, GitHubResponse? Failure)> FindAsync(long installation, string repo, string sha, string externalId, CancellationToken ct)
    {
        var r = await api.SendAsync(installation, HttpMethod.Get,
            $"repos/{repo}/commits/{sha}/check-runs?check_name={Uri.EscapeDataString(CheckRunDecision.Name)}&filter=all&per_page=100", null, ct);
        if (!r.IsSuccess)
        {
            return (null, r);
        }
        if (!r.Body.TryGetProperty("check_runs", out var list) || list.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return (null, null);
        }
        foreach (var run in list.EnumerateArray())
        {
            if (run.TryGetProperty("external_id", out var e) && e.ValueKind == System.Text.Json.JsonValueKind.String && e.GetString() == externalId
                && run.TryGetProperty("id", out var found) && found.TryGetInt64(out var checkRunId))
            {
                return (checkRunId, null);
            }
        }
        return (null, null);
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
