using BudgetBot.Budgets;
using Octokit.Webhooks.Events;

namespace BudgetBot.GitHub;

// check_run "requested_action" for the "Request more budget" button of our check: files a request
// for requests.defaultUsd on the budget that blocks the PR (the exhausted or warned one the check
// names, else the team's), with the PR as its reason, and answers on the PR. The delivery id is the
// command's key: a redelivery does nothing the second time.
internal sealed partial class CheckRunActions(
    PrCommandStore store,
    PrCommandRunner runner,
    PrSpendReader spend,
    RepoPermissions permissions,
    IPolicyProvider policy,
    ILogger<CheckRunActions> logger)
{
    public async Task HandleAsync(CheckRunEvent e, string? delivery, CancellationToken ct)
    {
        if (e.Action != "requested_action" || e.RequestedAction?.Identifier != CheckRunDecision.RequestBudgetAction
            || e.Repository is null || e.CheckRun is null || e.Sender is null || delivery is null || PrPeople.IsBot(e.Sender))
        {
            return;
        }
        var repo = e.Repository.FullName.ToLowerInvariant();
        if (NumberOf(e) is not { } number)
        {
            LogNoPullRequest(logger, repo, e.CheckRun.Id);
            return;
        }
        var login = e.Sender.Login;
        var row = new PrCommandRow("action:" + delivery, repo, number, login, e.CheckRun.HtmlUrl, null);
        if (await store.ExistsAsync(row.Key, ct))
        {
            return;
        }
        LogPressed(logger, login, repo, number);
        await runner.RunAsync(row, null, await AnswerAsync(repo, number, login, e.Installation?.Id, $"{e.Repository.HtmlUrl}/pull/{number}", ct), ct);
    }

    private async Task<PrAnswer> AnswerAsync(string repo, int number, string login, long? installation, string prUrl, CancellationToken ct)
    {
        var p = policy.Current;
        if (p.ResolveTeam(repo) is var team && team == BudgetPolicy.UnassignedTeam)
        {
            return PrAnswer.Refused(PrReplies.NoTeam(repo));
        }
        if (p.Requests.DefaultUsd is not { } amount)
        {
            return PrAnswer.Refused(PrReplies.NoDefaultAmount);
        }
        if (!await permissions.CanWriteAsync(installation, repo, login, null, ct))
        {
            return PrAnswer.Refused(PrReplies.NoWriteAccess(login, repo));
        }
        var blocking = CheckRunDecision.Blocking((await spend.ReadAsync(repo, number, ct)).Budgets);
        return PrAnswer.File(new RequestAsk(amount, blocking?.Id, team, $"More budget for {prUrl} (the check run's button)", PrPeople.Requester(p, login)));
    }

    // Our check's external_id is "{number}:{sha}"; pull_requests is empty for a fork's PR.
    private static int? NumberOf(CheckRunEvent e) =>
        e.CheckRun.PullRequests is { Count: > 0 } prs ? (int)prs[0].Number
        : e.CheckRun.ExternalId?.Split(':')[0] is { } first && int.TryParse(first, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : null;

    [LoggerMessage(EventId = 14030, Level = LogLevel.Information, Message = "{Login} pressed Request more budget on {Repo}#{Pr}")]
    private static partial void LogPressed(ILogger logger, string login, string repo, int pr);

    [LoggerMessage(EventId = 14031, Level = LogLevel.Warning, Message = "Request more budget on {Repo} check run {CheckRunId} names no pull request; ignored")]
    private static partial void LogNoPullRequest(ILogger logger, string repo, long checkRunId);
}
