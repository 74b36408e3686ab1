using System.Diagnostics.Metrics;

namespace BudgetBot.Outbox;

// Meter "BudgetBot.Outbox": budgetbot.outbox.failed (gauge, rows kept as failed, refreshed by the
// worker after each drain) and budgetbot.outbox.failures (counter, rows that ended failed here).
internal sealed class OutboxMetrics
{
    public const string MeterName = "BudgetBot.Outbox";
    private readonly Counter<long> failures;

    public OutboxMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        failures = meter.CreateCounter<long>("budgetbot.outbox.failures", "{message}", "Outbox messages that failed for good");
        meter.CreateObservableGauge("budgetbot.outbox.failed", () => Failed, "{message}", "Outbox messages kept as failed, awaiting `outbox replay`");
    }

    public long Failed { get; set; }

    public void RowFailed(string channel) => failures.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
