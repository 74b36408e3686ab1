using BudgetBot.Budgets;
using BudgetBot.Slack;
using BudgetBot.Storage;
using BudgetBot.Usage;

namespace BudgetBot.Alerts;

// After usage is stored: each budget the usage counts towards is re-read, and every threshold it has
// reached is recorded insert-first in alerts_sent. Only thresholds this call recorded are new; if any
// are, one message for the highest is enqueued in the same transaction, so "recorded" and "queued"
// cannot disagree after a crash or a restart.
internal sealed partial class ThresholdAlerts(
    BudgetStatusService budgets,
    BudgetLedger ledger,
    IPolicyProvider policy,
    Database db,
    AlertStore store,
    AlertQueries queries,
    SlackOutboxWriter slack,
    TimeProvider clock,
    ILogger<ThresholdAlerts> logger)
{
    public async Task<int> CheckAsync(IReadOnlySet<BudgetScope> scopes, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = policy.Current;
        var queued = 0;
        foreach (var budget in await budgets.ActiveAsync(now, ct))
        {
            if (budget.Thresholds.Count == 0 || !scopes.Contains(budget.Scope))
            {
                continue;
            }
            var status = BudgetCalculator.Status(budget, await ledger.FiguresAsync(budget, now, ct), now);
            var reached = ThresholdRules.Reached(status);
            if (reached.Count > 0 && await AlertAsync(budget, status, reached, AlertChannels.ForScope(budget.Scope, current), now, ct))
            {
                queued++;
            }
        }
        return queued;
    }

    private async Task<bool> AlertAsync(ActiveBudget budget, BudgetStatus status, IReadOnlyList<int> reached, string? channel, DateTimeOffset now, CancellationToken ct)
    {
        var unpriced = status.UnpricedEvents > 0
            ? await queries.UnpricedModelsAsync(budget.Scope, budget.Period.Start, budget.Period.End, ct)
            : [];
        var fresh = await db.WriteAsync(async (c, tx) =>
        {
            var recorded = new List<int>();
            foreach (var threshold in reached)
            {
                if (await store.TryRecordThresholdAsync(c, tx, budget.Id, budget.Period.Start, threshold, channel, now))
                {
                    recorded.Add(threshold);
                }
            }
            if (recorded.Count > 0 && channel is not null)
            {
                var payload = ThresholdAlertMessage.Render(channel, status, recorded.Max(), unpriced);
                await slack.PostAsync(c, tx, channel, payload);
            }
            return recorded;
        }, ct);
        if (fresh.Count == 0)
        {
            return false;
        }
        if (channel is null)
        {
            LogNoChannel(logger, budget.Id, budget.Scope.ToString(), fresh.Max());
            return false;
        }
        LogQueued(logger, budget.Id, fresh.Max(), status.PercentUsed, channel);
        return true;
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Budget {BudgetId} passed {Threshold}% ({Percent}%); alert queued for {Channel}")]
    private static partial void LogQueued(ILogger logger, string budgetId, int threshold, decimal percent, string channel);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Budget {BudgetId} ({Scope}) passed {Threshold}% but no team channel receives its alerts; recorded, not sent")]
    private static partial void LogNoChannel(ILogger logger, string budgetId, string scope, int threshold);
}
