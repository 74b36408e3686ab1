using System.Data.Common;
using BudgetBot.Budgets;

namespace BudgetBot.Slack;

// Decides a request once. Everything happens in one write transaction: the conditional UPDATE (the
// first decision wins), the grant (unique per request, so never two), the audit lines and the Slack
// messages (card update, requester DM). Affected PRs are told after commit.
internal sealed partial class ApprovalService(
    Storage.Database db,
    BudgetRequestStore requests,
    ExperimentStore experiments,
    GrantStore grants,
    AuditLog audit,
    BudgetStatusService budgets,
    BudgetLedger ledger,
    SlackOutboxWriter slack,
    IBudgetChanges budgetChanges,
    IEnumerable<IRequestOutcomes> outcomes,
    IPolicyProvider policy,
    TimeProvider clock,
    ILogger<ApprovalService> logger)
{
    public async Task<DecisionResult> DecideAsync(long id, string user, bool approve, string? note, string? clickChannel, string? clickTs, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var p = policy.Current;
        var active = await budgets.ActiveAsync(now, ct);
        var result = await db.WriteAsync(async (c, tx) =>
        {
            if (await requests.FindAsync(c, tx, id) is not { } r)
            {
                return new DecisionResult(DecisionOutcome.NotFound, null, $"There is no request BR-{id}.");
            }
            if (r.CardTs is null && clickChannel is not null && clickTs is not null)
            {
                await requests.SetCardAsync(c, tx, id, clickChannel, clickTs);
                r = r with { Channel = clickChannel, CardTs = clickTs };
            }
            if (Refusal(r, user, p, now) is { } refused)
            {
                return refused;
            }
            var state = approve ? "approved" : "denied";
            if (!await requests.DecideAsync(c, tx, id, state, user, note, now))
            {
                var winner = (await requests.FindAsync(c, tx, id))!;
                return new DecisionResult(DecisionOutcome.AlreadyDecided, winner, RequestCards.AlreadyDecided(winner));
            }
            var decided = r with { State = state, DecidedBy = user, DecidedAtMs = now.ToUnixTimeMilliseconds(), DecisionNote = note };
            await audit.AppendAsync(c, tx, now, user, "request." + state, r.DisplayId, new { r.BudgetId, r.AmountMicros, note });
            var budget = active.FirstOrDefault(b => b.Id == r.BudgetId);
            if (approve)
            {
                await ApplyAsync(c, tx, decided, budget, now);
            }
            var status = budget is null ? null : BudgetCalculator.Status(budget, await ledger.FiguresAsync(c, tx, budget, now), now);
            await TellAsync(c, tx, decided, status, ct);
            LogDecided(logger, decided.DisplayId, state);
            return new DecisionResult(DecisionOutcome.Decided, decided, "");
        }, ct);
        if (result.Outcome == DecisionOutcome.Decided)
        {
            slack.Notify();
            if (approve && active.FirstOrDefault(b => b.Id == result.Request!.BudgetId) is { } affected)
            {
                await budgetChanges.BudgetChangedAsync(affected, "grant " + result.Request!.DisplayId, ct);
            }
        }
        return result;
    }

    // May this user decide it now? Asked before the Deny modal opens, so nobody types a reason in vain.
    public async Task<DecisionResult> PreviewAsync(long id, string user, CancellationToken ct)
    {
        var r = await db.ReadAsync(c => requests.FindAsync(c, null, id), ct);
        return r is null
            ? new DecisionResult(DecisionOutcome.NotFound, null, $"There is no request BR-{id}.")
            : Refusal(r, user, policy.Current, clock.GetUtcNow()) ?? new DecisionResult(DecisionOutcome.Decided, r, "");
    }

    internal static DecisionResult? Refusal(BudgetRequestRow r, string user, BudgetPolicy p, DateTimeOffset now)
    {
        if (r.State != BudgetRequestRow.Pending || r.ExpiresAtMs <= now.ToUnixTimeMilliseconds())
        {
            return new DecisionResult(DecisionOutcome.AlreadyDecided, r, RequestCards.AlreadyDecided(r.State == BudgetRequestRow.Pending ? r with { State = "expired" } : r));
        }
        if (r.Requester == user)
        {
            return new DecisionResult(DecisionOutcome.OwnRequest, r, RequestCards.OwnRequest(r));
        }
        var approvers = ApprovalRules.Approvers(p, r.Kind, r.BudgetId, Money.FromMicros(r.AmountMicros), r.Requester);
        return approvers.Contains(user) ? null : new DecisionResult(DecisionOutcome.NotApprover, r, RequestCards.NotApprover(r, approvers));
    }

    // The card (when its ts is known), the requester's DM (a Slack requester's) and whoever else
    // follows requests (GitHub's PR that asked); the expiry job tells them the same way.
    public async Task TellAsync(DbConnection c, DbTransaction tx, BudgetRequestRow r, BudgetStatus? status, CancellationToken ct = default)
    {
        if (r.CardTs is not null)
        {
            var card = RequestCards.Card(r, status, []);
            await slack.EnqueueAsync(c, tx, "chat.update", r.CardTarget, SlackOutboxWriter.With(card, ("channel", r.Channel), ("ts", r.CardTs)));
        }
        if (RequestCards.IsSlackUser(r.Requester))
        {
            var notice = RequestCards.RequesterNotice(r, status);
            await slack.EnqueueAsync(c, tx, "chat.postMessage", "slack:dm:" + r.Requester, SlackOutboxWriter.With(notice, ("channel", r.Requester)));
        }
        var outcome = new RequestOutcome(r.Id, r.DisplayId, r.State, r.BudgetId, r.AmountMicros, r.DecidedBy, r.DecisionNote,
            r.State == "approved" ? status?.PeriodEnd : null);
        foreach (var o in outcomes)
        {
            await o.DecidedAsync(c, tx, outcome, ct);
        }
    }

    private async Task ApplyAsync(DbConnection c, DbTransaction tx, BudgetRequestRow r, ActiveBudget? budget, DateTimeOffset now)
    {
        if (r.Kind == BudgetRequestRow.Experiment)
        {
            var days = r.ExperimentDays ?? 1;
            if (await experiments.OpenAsync(c, tx, r.ExperimentName!, r.AmountMicros, now, now.AddDays(days), r.Reason, r.Requester, r.Id))
            {
                await audit.AppendAsync(c, tx, now, r.DecidedBy!, "experiment.opened", r.BudgetId, new { request = r.DisplayId, r.AmountMicros, days });
            }
            return;
        }
        if (budget is null)
        {
            LogBudgetGone(logger, r.DisplayId, r.BudgetId);
            return;
        }
        await grants.AddAsync(c, tx, new Grant(budget.Id, r.AmountMicros, budget.Period.Start, now, null, "request", r.Reason, r.Id, r.DecidedBy!), now);
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Budget request {Request} {State}")]
    private static partial void LogDecided(ILogger logger, string request, string state);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Budget request {Request} was approved but budget {Budget} is no longer in the policy; no grant was written")]
    private static partial void LogBudgetGone(ILogger logger, string request, string budget);
}
