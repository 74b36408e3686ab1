using BudgetBot.Budgets;
using BudgetBot.Slack;
using BudgetBot.Storage;
using Cronos;

namespace BudgetBot.Alerts;

// The digest on the policy's `digest` schedule (in the policy time zone): one message per team
// channel, all enqueued in one transaction so an occurrence posts all of them or none.
internal sealed partial class DigestJob(
    DigestBuilder builder,
    Database db,
    SlackOutboxWriter slack,
    TimeProvider clock,
    ILogger<DigestJob> logger) : Scheduling.IScheduledJob
{
    public string Name => "digest";

    public CronExpression? Schedule(BudgetPolicy policy) => policy.Digest;

    public async Task RunAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var digests = await builder.BuildAsync(now, ct);
        await db.WriteAsync(async (c, tx) =>
        {
            foreach (var digest in digests)
            {
                await slack.PostAsync(c, tx, digest.Channel, DigestMessage.Render(digest));
            }
        }, ct);
        slack.Notify();
        LogQueued(logger, digests.Count, occurrence);
    }

    [LoggerMessage(EventId = 5130, Level = LogLevel.Information, Message = "Digest for {Occurrence:o}: {Count} team messages queued")]
    private static partial void LogQueued(ILogger logger, int count, DateTimeOffset occurrence);
}
