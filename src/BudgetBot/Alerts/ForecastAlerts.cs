using BudgetBot.Budgets;
using BudgetBot.Slack;
using BudgetBot.Storage;

namespace BudgetBot.Alerts;

// The forecast alert (docs/decisions/forecast-alert-once-per-period.md): when a budget's forecast
// first crosses its limit before the period ends, one message to the channel its threshold alerts
// use. Recorded insert-first in runaway_alerts as subject "forecast:<budget>" with the period start
// as window, in the transaction that enqueues the message: once per budget and period, across
// restarts and instances. A budget already spent is left to its 100 % threshold.
internal sealed partial class ForecastAlerts(
    BudgetStatusService budgets,
    IPolicyProvider policy,
    Database db,
    AlertStore store,
    SlackOutboxWriter slack,
    TimeProvider clock,
    ILogger<ForecastAlerts> logger)
{
    public static string Subject(string budgetId) => $"forecast:{budgetId}";

    public static bool RunsOutEarly(BudgetStatus s) =>
        s.ExhaustsAt is { } at && at < s.ResetsAt && s.SpentUsd < s.LimitUsd + s.GrantedUsd;

    public async Task<int> CheckAsync(IReadOnlySet<BudgetScope> scopes, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = policy.Current;
        var queued = 0;
        foreach (var budget in await budgets.ActiveAsync(now, ct))
        {
            if (!scopes.Contains(budget.Scope))
            {
                continue;
            }
            var status = await budgets.StatusAsync(budget, now, ct);
            if (!RunsOutEarly(status))
            {
                continue;
            }
            var channel = AlertChannels.ForScope(budget.Scope, current);
            var fresh = await db.WriteAsync(async (c, tx) =>
            {
                if (!await store.TryRecordOnceAsync(c, tx, Subject(budget.Id), budget.Period.Start, Money.ToMicros(status.ForecastUsd ?? 0), channel, now))
                {
                    return false;
                }
                if (channel is not null)
                {
                    await slack.PostAsync(c, tx, channel, ForecastAlertMessage.Render(channel, status));
                }
                return true;
            }, ct);
            if (fresh && channel is null)
            {
                LogNoChannel(logger, budget.Id, budget.Scope.ToString());
            }
            else if (fresh)
            {
                LogQueued(logger, budget.Id, status.ExhaustsAt!.Value, channel!);
                queued++;
            }
        }
        return queued;
    }

    [LoggerMessage(EventId = 18000, Level = LogLevel.Information, Message = "Budget {BudgetId} is forecast to run out at {ExhaustsAt:o}; alert queued for {Channel}")]
    private static partial void LogQueued(ILogger logger, string budgetId, DateTimeOffset exhaustsAt, string channel);

    [LoggerMessage(EventId = 18001, Level = LogLevel.Warning, Message = "Budget {BudgetId} ({Scope}) is forecast to run out early but no channel receives its alerts; recorded, not sent")]
    private static partial void LogNoChannel(ILogger logger, string budgetId, string scope);
}
