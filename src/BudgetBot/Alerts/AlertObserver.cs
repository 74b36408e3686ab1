using BudgetBot.Slack;
using BudgetBot.Usage;

namespace BudgetBot.Alerts;

// Runs the alert checks after usage commits. The usage is stored whatever happens here, so a failed
// check is logged rather than failing the ingest (the next stored usage checks again).
internal sealed partial class AlertObserver(
    ThresholdAlerts thresholds,
    RunawayAlerts runaway,
    SlackOutboxWriter slack,
    ILogger<AlertObserver> logger) : IUsageObserver
{
    public async Task OnStoredAsync(IReadOnlyList<PricedUsage> stored, CancellationToken ct)
    {
        if (stored.Count == 0)
        {
            return;
        }
        try
        {
            var queued = await thresholds.CheckAsync(stored, ct) + await runaway.CheckAsync(stored, ct);
            if (queued > 0)
            {
                slack.Notify();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCheckFailed(logger, stored.Count, e);
        }
    }

    [LoggerMessage(EventId = 5120, Level = LogLevel.Error, Message = "Alert checks failed after storing {Count} usage events; they run again with the next usage")]
    private static partial void LogCheckFailed(ILogger logger, int count, Exception e);
}
