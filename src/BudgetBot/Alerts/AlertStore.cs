using System.Data.Common;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Alerts;

// Insert-first records of alerts already decided: one row per (budget, period, threshold) in
// alerts_sent, and one per (subject, window) in runaway_alerts, where the subject's prefix is the
// kind: "pr:"/"run:" runaway spend per hour, "forecast:" per budget period, "anomaly-run:" per run,
// "anomaly-day:" per workflow day. A row that exists means the alert was sent (or had no channel).
// Conditional inserts report "already there" as 0 rows, so the caller's transaction carries on.
internal sealed class AlertStore(Database db)
{
    internal static readonly SqlStatement RecordThreshold = new(
        "Alerts.RecordThreshold",
        "INSERT INTO alerts_sent (budget_id, period_start_ms, threshold, channel, sent_at_ms) " +
        "VALUES (@BudgetId, @PeriodStartMs, @Threshold, @Channel, @Now) ON CONFLICT DO NOTHING;",
        "INSERT INTO alerts_sent (budget_id, period_start_ms, threshold, channel, sent_at_ms) " +
        "SELECT @BudgetId, @PeriodStartMs, @Threshold, @Channel, @Now WHERE NOT EXISTS (SELECT 1 FROM alerts_sent " +
        "WITH (UPDLOCK, HOLDLOCK) WHERE budget_id = @BudgetId AND period_start_ms = @PeriodStartMs AND threshold = @Threshold);");

    internal static readonly SqlStatement RecordRunaway = new(
        "Alerts.RecordRunaway",
        "INSERT INTO runaway_alerts (subject, window_start_ms, spent_micros, channel, sent_at_ms) " +
        "VALUES (@Subject, @WindowStartMs, @SpentMicros, @Channel, @Now) ON CONFLICT DO NOTHING;",
        "INSERT INTO runaway_alerts (subject, window_start_ms, spent_micros, channel, sent_at_ms) " +
        "SELECT @Subject, @WindowStartMs, @SpentMicros, @Channel, @Now WHERE NOT EXISTS (SELECT 1 FROM runaway_alerts " +
        "WITH (UPDLOCK, HOLDLOCK) WHERE subject = @Subject AND window_start_ms = @WindowStartMs);");

    public async Task<bool> TryRecordThresholdAsync(
        DbConnection c, DbTransaction tx, string budgetId, DateTimeOffset periodStart, int threshold, string? channel, DateTimeOffset now) =>
        await c.ExecuteAsync(db.Sql(RecordThreshold), new
        {
            BudgetId = budgetId, PeriodStartMs = periodStart.ToUnixTimeMilliseconds(), Threshold = threshold,
            Channel = channel, Now = now.ToUnixTimeMilliseconds(),
        }, tx) == 1;

    public async Task<bool> TryRecordOnceAsync(
        DbConnection c, DbTransaction tx, string subject, DateTimeOffset window, long spentMicros, string? channel, DateTimeOffset now) =>
        await c.ExecuteAsync(db.Sql(RecordRunaway), new
        {
            Subject = subject, WindowStartMs = window.ToUnixTimeMilliseconds(), SpentMicros = spentMicros,
            Channel = channel, Now = now.ToUnixTimeMilliseconds(),
        }, tx) == 1;
}
