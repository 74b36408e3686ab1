using System.Data.Common;
using BudgetBot.Budgets;
using static BudgetBot.Slack.SlackBlocks;
using static BudgetBot.Slack.SlackFormat;

namespace BudgetBot.Slack;

// Files requests: the row, its audit line and its card commit together; the answer to the person
// asking is returned for the command's own HTTP response (ephemeral). GitHub files through
// IBudgetRequests, inside its own transaction, and words its answer itself.
internal sealed class RequestService(
    Storage.Database db,
    BudgetRequestStore requests,
    ExperimentStore experiments,
    AuditLog audit,
    BudgetStatusService budgets,
    SlackOutboxWriter slack,
    IPolicyProvider policy,
    TimeProvider clock) : IBudgetRequests
{
    public static readonly TimeSpan PendingFor = TimeSpan.FromHours(72);

    public async Task<string> RequestAsync(RequestCommand cmd, string user, string channel, CancellationToken ct)
    {
        var p = policy.Current;
        if (ApprovalRules.ResolveBudget(p, cmd.Budget, channel) is not { } budget)
        {
            var known = string.Join(", ", p.Budgets.Select(b => $"`{b.Id}`"));
            return cmd.Budget is null
                ? $"This channel belongs to no team; say which budget: `/budget request <amount> for <budget> <reason>`. Budgets: {known}."
                : $"No budget or team `{SlackText.Escape(SlackText.Truncate(cmd.Budget, 60))}`. Budgets: {known}.";
        }
        return await FileAsync(BudgetRequestRow.Increase, budget.Id, cmd.AmountUsd, cmd.Reason, null, user, ApprovalRules.CardChannel(p, budget.Id, channel), ct);
    }

    public async Task<string> ExperimentAsync(ExperimentCommand cmd, string user, string channel, CancellationToken ct)
    {
        var p = policy.Current;
        if (await experiments.ExistsAsync(cmd.Name, ct))
        {
            return $"An experiment named `{cmd.Name}` exists already; pick another name.";
        }
        var reason = cmd.Reason ?? "(no reason given)";
        var withinLimits = cmd.AmountUsd <= p.Experiments.MaxUsd && cmd.Days <= p.Experiments.MaxDays;
        if (!p.Founders.Contains(user) || !withinLimits)
        {
            return await FileAsync(BudgetRequestRow.Experiment, ExperimentStore.BudgetIdFor(cmd.Name), cmd.AmountUsd, reason, cmd.Days, user, channel, ct);
        }
        var now = clock.GetUtcNow();
        var expiry = now.AddDays(cmd.Days);
        var opened = await db.WriteAsync(async (c, tx) =>
        {
            if (!await experiments.OpenAsync(c, tx, cmd.Name, Money.ToMicros(cmd.AmountUsd), now, expiry, reason, user, null))
            {
                return false;
            }
            await audit.AppendAsync(c, tx, now, user, "experiment.opened", ExperimentStore.BudgetIdFor(cmd.Name),
                new { cmd.Name, cmd.AmountUsd, cmd.Days, Reason = reason });
            return true;
        }, ct);
        return opened
            ? $"Experiment allowance `{BudgetScope.Experiment(cmd.Name)}` is open: {Usd(cmd.AmountUsd)} until {Date(expiry)}. Tag usage with `experiment={cmd.Name}` to draw on it."
            : $"An experiment named `{cmd.Name}` exists already; pick another name.";
    }

    private async Task<string> FileAsync(string kind, string budgetId, decimal amountUsd, string reason, int? days, string user, string cardChannel, CancellationToken ct)
    {
        var p = policy.Current;
        var approvers = ApprovalRules.Approvers(p, kind, budgetId, amountUsd, user);
        if (approvers.Count == 0)
        {
            return $"Nobody but you may approve {Usd(amountUsd)} on `{budgetId}` under the policy's approval tiers, so no request was filed.";
        }
        var now = clock.GetUtcNow();
        var status = kind == BudgetRequestRow.Increase ? await budgets.FindAsync(budgetId, ct) : null;
        var row = new BudgetRequestRow(0, kind, budgetId, Money.ToMicros(amountUsd), SlackText.Truncate(reason, 2000), user, cardChannel, days,
            BudgetRequestRow.Pending, now.ToUnixTimeMilliseconds(), (now + PendingFor).ToUnixTimeMilliseconds(), null, null, null, null);
        row = await db.WriteAsync((c, tx) => InsertAsync(c, tx, row, status, approvers, now), ct);
        slack.Notify();
        return $"Request *{row.DisplayId}* (+{Usd(amountUsd)} for `{budgetId}`) is posted in <#{cardChannel}>; {Users(approvers)} can decide it within 72 h.";
    }

    public async Task<RequestFiling> FileAsync(DbConnection c, DbTransaction tx, RequestAsk ask, CancellationToken ct)
    {
        var p = policy.Current;
        var known = p.Budgets.Select(b => b.Id).ToList();
        var budget = ask.Budget is not null ? ApprovalRules.ResolveBudget(p, ask.Budget, "") : ApprovalRules.TeamBudget(p, ask.Team);
        if (budget is null)
        {
            return Refused(ask.Budget is null ? RequestFilingOutcome.NoTeamBudget : RequestFilingOutcome.UnknownBudget, ask.Budget ?? "", known);
        }
        var fallback = p.Teams.TryGetValue(ask.Team, out var team) && team.SlackChannel is { Length: > 0 } own ? own : p.Alerts.Channel ?? "";
        var channel = ApprovalRules.CardChannel(p, budget.Id, fallback);
        if (channel.Length == 0)
        {
            return Refused(RequestFilingOutcome.NoChannel, budget.Id, known);
        }
        var approvers = ApprovalRules.Approvers(p, BudgetRequestRow.Increase, budget.Id, ask.AmountUsd, ask.Requester);
        if (approvers.Count == 0)
        {
            return Refused(RequestFilingOutcome.NobodyToApprove, budget.Id, known);
        }
        var now = clock.GetUtcNow();
        var status = await budgets.FindAsync(budget.Id, ct);
        var row = new BudgetRequestRow(0, BudgetRequestRow.Increase, budget.Id, Money.ToMicros(ask.AmountUsd), SlackText.Truncate(ask.Reason, 2000),
            ask.Requester, channel, null, BudgetRequestRow.Pending, now.ToUnixTimeMilliseconds(), (now + PendingFor).ToUnixTimeMilliseconds(),
            null, null, null, null);
        var filed = await InsertAsync(c, tx, row, status, approvers, now);
        return new RequestFiling(RequestFilingOutcome.Filed, filed.Id, filed.DisplayId, budget.Id, approvers, channel, known);
    }

    // Notify is the caller's, after its commit (the outbox worker would not see the row before).
    public void Notify() => slack.Notify();

    private async Task<BudgetRequestRow> InsertAsync(DbConnection c, DbTransaction tx, BudgetRequestRow row, BudgetStatus? status, IReadOnlyList<string> approvers, DateTimeOffset now)
    {
        var filed = row with { Id = await requests.InsertAsync(c, tx, row, now) };
        await audit.AppendAsync(c, tx, now, row.Requester, "request.created", filed.DisplayId,
            new { kind = row.Kind, budgetId = row.BudgetId, amountUsd = Money.FromMicros(row.AmountMicros), reason = row.Reason, days = row.ExperimentDays });
        var card = RequestCards.Card(filed, status, approvers);
        await slack.EnqueueAsync(c, tx, "chat.postMessage", filed.CardTarget, SlackOutboxWriter.With(card, ("channel", row.Channel)));
        return filed;
    }

    private static RequestFiling Refused(RequestFilingOutcome outcome, string budgetId, IReadOnlyList<string> known) =>
        new(outcome, 0, "", budgetId, [], null, known);
}
