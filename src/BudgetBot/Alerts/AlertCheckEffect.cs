using System.Data.Common;
using System.Text.Json;
using BudgetBot.Outbox;
using BudgetBot.Usage;

namespace BudgetBot.Alerts;

// The alert checks of stored usage: an outbox row (channel "alerts") written in the ingest
// transaction, due after a grace period, then the checks run at once after the commit and close the
// row. After a crash between the two, or a failed check, the worker runs the row (AlertSender); the
// checks are insert-first, so running twice never alerts twice.
internal sealed partial class AlertCheckEffect(
    OutboxStore outbox,
    AlertSender checks,
    TimeProvider clock,
    ILogger<AlertCheckEffect> logger) : IUsageEffect
{
    public const string Channel = "alerts";
    public const string Kind = "usage-check";
    internal static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public async Task<Func<CancellationToken, Task>> ScheduleAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> stored, CancellationToken ct)
    {
        var check = new AlertCheck(
            stored.SelectMany(p => p.Scopes).Select(s => s.ToString()).Distinct().ToList(),
            RunawayAlerts.Subjects(stored).ToList(),
            AnomalySubject.Of(stored).ToList());
        var target = $"alerts:usage:{Guid.NewGuid():N}";
        await outbox.EnqueueAsync(c, tx, new OutboxEnqueue(Channel, Kind, target, JsonSerializer.Serialize(check, AlertCheck.Json), clock.GetUtcNow() + Grace, Coalesce: false));
        return async token =>
        {
            try
            {
                await checks.RunAsync(check, token);
                await outbox.CloseAsync(target, token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(logger, stored.Count, e);
            }
        };
    }

    [LoggerMessage(EventId = 5120, Level = LogLevel.Error, Message = "Alert checks failed after storing {Count} usage events; the outbox runs them again")]
    private static partial void LogCheckFailed(ILogger logger, int count, Exception e);
}

// Anomalies is null in rows written before anomaly checks existed.
internal sealed record AlertCheck(List<string> Scopes, List<RunawaySubject> Subjects, List<AnomalySubject>? Anomalies = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
