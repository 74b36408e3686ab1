using System.Text.Json;
using BudgetBot.Outbox;
using BudgetBot.Budgets;
using BudgetBot.Slack;

namespace BudgetBot.Alerts;

// Runs the alert checks an ingest scheduled (AlertCheckEffect) when they did not run right after the
// commit. A check that throws is the row's failed attempt and runs again.
internal sealed class AlertSender(
    ThresholdAlerts thresholds, ForecastAlerts forecasts, RunawayAlerts runaway, AnomalyAlerts anomalies, SlackOutboxWriter slack) : IOutboxSender
{
    public string Channel => AlertCheckEffect.Channel;

    public async Task<OutboxResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (JsonSerializer.Deserialize<AlertCheck>(message.Payload, AlertCheck.Json) is not { } check)
        {
            return OutboxResult.Fail("payload is not an alert check");
        }
        await RunAsync(check, ct);
        return OutboxResult.Sent;
    }

    public async Task RunAsync(AlertCheck check, CancellationToken ct)
    {
        var scopes = new HashSet<BudgetScope>();
        foreach (var text in check.Scopes)
        {
            if (BudgetScope.TryParse(text, out var scope))
            {
                scopes.Add(scope);
            }
        }
        var queued = await thresholds.CheckAsync(scopes, ct) + await forecasts.CheckAsync(scopes, ct)
            + await runaway.CheckAsync(check.Subjects, ct) + await anomalies.CheckAsync(check.Anomalies ?? [], ct);
        if (queued > 0)
        {
            slack.Notify();
        }
    }
}
