using BudgetBot.Budgets;
using BudgetBot.Slack;
using BudgetBot.Storage;
using Cronos;

namespace BudgetBot.Alerts;

// The digest on the policy's `digest` schedule (in the policy time zone): one message per team
// channel, all enqueued in one transaction so an occurrence posts all of them or none. The first
// digest of each ISO week with spend attaches the week's chart (spend by team) after its message,
// uploaded through Slack's external upload flow (SlackFileUploads), once per channel and week.
internal sealed partial class DigestJob(
    DigestBuilder builder,
    Database db,
    SlackOutboxWriter slack,
    SlackFileUploads uploads,
    AlertQueries queries,
    TimeProvider clock,
    ILogger<DigestJob> logger) : Scheduling.IScheduledJob
{
    public string Name => "digest";

    public CronExpression? Schedule(BudgetPolicy policy) => policy.Digest;

    public async Task RunAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var digests = await builder.BuildAsync(now, ct);
        var from = now - DigestBuilder.Window;
        var week = await queries.TeamSpendByDayAsync(from, now, ct);
        var chart = digests.Count > 0 && week.Sum(s => s.CostMicros) > 0 ? DigestChart.Png(week, from, now) : null;
        await db.WriteAsync(async (c, tx) =>
        {
            foreach (var digest in digests)
            {
                await slack.PostAsync(c, tx, digest.Channel, DigestMessage.Render(digest));
                var key = DigestChart.Key(digest.Channel, now);
                if (chart is not null && await uploads.ReserveAsync(c, tx, key))
                {
                    var title = DigestChart.Title(from, now);
                    var comment = digest.Links is { } links ? $"{title}: {SlackBlocks.Link(links.Spend, "spend over time")}" : title;
                    await slack.EnqueueAsync(c, tx, SlackFileUploads.Kind, SlackOutboxWriter.ChannelTarget(digest.Channel),
                        SlackFileUploads.Args(key, digest.Channel, DigestChart.FileName, title, "Bar chart: " + title, comment, chart));
                }
            }
        }, ct);
        slack.Notify();
        LogQueued(logger, digests.Count, occurrence);
    }

    [LoggerMessage(EventId = 5130, Level = LogLevel.Information, Message = "Digest for {Occurrence:o}: {Count} team messages queued")]
    private static partial void LogQueued(ILogger logger, int count, DateTimeOffset occurrence);
}
