using System.Data.Common;
using System.Text.Json;
using BudgetBot.Outbox;
using BudgetBot.Usage;

namespace BudgetBot.Alerts;

// Schedules the alert checks of stored usage as one outbox row (channel "alerts") inside the ingest
// transaction, so a crash after the commit cannot skip them; AlertSender runs them. The row names
// what the checks need: the budget scopes the usage counts towards and its runaway subjects.
internal sealed class AlertCheckEffect(OutboxStore outbox, OutboxWorker worker, TimeProvider clock) : IUsageEffect
{
    public const string Channel = "alerts";
    public const string Kind = "usage-check";

    public async Task ScheduleAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> stored, CancellationToken ct)
    {
        var check = new AlertCheck(
            stored.SelectMany(p => p.Scopes).Select(s => s.ToString()).Distinct().ToList(),
            RunawayAlerts.Subjects(stored).ToList());
        // One target: checks run one at a time, in order, so two batches never race to the same alert.
        await outbox.EnqueueAsync(c, tx, new OutboxEnqueue(Channel, Kind, "alerts:usage", JsonSerializer.Serialize(check, AlertCheck.Json), clock.GetUtcNow(), Coalesce: false));
    }

    public void Wake() => worker.Notify();
}

internal sealed record AlertCheck(List<string> Scopes, List<RunawaySubject> Subjects)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
