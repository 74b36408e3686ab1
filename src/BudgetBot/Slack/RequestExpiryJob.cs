using BudgetBot.Budgets;
using BudgetBot.Scheduling;
using Cronos;

namespace BudgetBot.Slack;

// Pending requests expire 72 h after they were filed. Every five minutes the due ones are expired
// one conditional UPDATE at a time (a decision racing the job still wins or loses cleanly), the
// card loses its buttons and the requester is told.
internal sealed partial class RequestExpiryJob(
    Storage.Database db,
    BudgetRequestStore requests,
    Budgets.AuditLog audit,
    ApprovalService approvals,
    SlackOutboxWriter slack,
    TimeProvider clock,
    ILogger<RequestExpiryJob> logger) : IScheduledJob
{
    private static readonly CronExpression Every5Minutes = CronExpression.Parse("*/5 * * * *");

    public string Name => "request-expiry";

    public CronExpression? Schedule(BudgetPolicy policy) => Every5Minutes;

    public async Task RunAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await db.WriteAsync(async (c, tx) =>
        {
            var count = 0;
            foreach (var r in await requests.DueForExpiryAsync(c, tx, now))
            {
                if (!await requests.ExpireAsync(c, tx, r.Id, now))
                {
                    continue;
                }
                await audit.AppendAsync(c, tx, now, "budgetbot", "request.expired", r.DisplayId, new { r.BudgetId, r.AmountMicros });
                await approvals.TellAsync(c, tx, r with { State = "expired", DecidedAtMs = now.ToUnixTimeMilliseconds() }, null);
                count++;
            }
            return count;
        }, ct);
        if (expired > 0)
        {
            LogExpired(logger, expired);
            slack.Notify();
        }
    }

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "{Count} pending budget request(s) expired")]
    private static partial void LogExpired(ILogger logger, int count);
}
