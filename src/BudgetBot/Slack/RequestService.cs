using BudgetBot.Budgets;
using BudgetBot.Policy;
using BudgetBot.Pricing;
using static BudgetBot.Slack.SlackBlocks;
using static BudgetBot.Slack.SlackFormat;

namespace BudgetBot.Slack;

// Files requests: the row, its audit line and its card commit together; the answer to the person
// asking is returned for the command's own HTTP response (ephemeral).
internal sealed class RequestService(
    Storage.Database db,
    BudgetRequestStore requests,
    ExperimentStore experiments,
    AuditLog audit,
    BudgetStatusService budgets,
    SlackOutboxWriter slack,
    IPolicyProvider policy,
    TimeProvider clock)
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
        row = await db.WriteAsync(async (c, tx) =>
        {
            var filed = row with { Id = await requests.InsertAsync(c, tx, row, now) };
            await audit.AppendAsync(c, tx, now, user, "request.created", filed.DisplayId, new { kind, budgetId, amountUsd, reason, days });
            var card = RequestCards.Card(filed, status, approvers);
            await slack.EnqueueAsync(c, tx, "chat.postMessage", filed.CardTarget, SlackOutboxWriter.With(card, ("channel", cardChannel)));
            return filed;
        }, ct);
        slack.Notify();
        return $"Request *{row.DisplayId}* (+{Usd(amountUsd)} for `{budgetId}`) is posted in <#{cardChannel}>; {Users(approvers)} can decide it within 72 h.";
    }
}
