using BudgetBot.Scheduling;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.ScaleOut;

// Every instance runs the scheduler; each tick happens on all three at the same moment.
public sealed class CronScaleOutTests : IAsyncLifetime
{
    private const int Hours = 46;
    private readonly RecordingJob hourly = new("hourly", "0 * * * *");
    private readonly Cluster cluster;

    public CronScaleOutTests() => cluster = new Cluster(3, s => s.AddSingleton<IScheduledJob>(hourly));

    public async ValueTask InitializeAsync() => await cluster.StartAsync();

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task EachOccurrence_RunsOnceAcrossInstances_AndTheDigestIsPostedOncePerOccurrence()
    {
        var ranBy = new List<int>();
        for (var hour = 0; hour <= Hours; hour++)
        {
            var now = cluster.Now;
            var results = await cluster.OnAllAsync(a => a.Get<Scheduler>().RunDueAsync(now, TestContext.Current.CancellationToken));
            // A second tick at the same moment (a restarted loop, a slow instance) finds everything claimed.
            var again = await cluster.OnAllAsync(a => a.Get<Scheduler>().RunDueAsync(now, TestContext.Current.CancellationToken));
            Assert.All(again, Assert.Empty);
            ranBy.Add(results.Count(r => r.Contains("hourly")));
            await cluster.SettleAsync();
            cluster.Advance(TimeSpan.FromHours(1));
        }

        Assert.All(ranBy, n => Assert.Equal(1, n));
        Assert.Equal(Enumerable.Range(0, Hours + 1).Select(h => TestApp.Start.AddHours(h)), hourly.Runs);
        var runs = await cluster.QueryListAsync<(string Job, long Count, long Owners)>(
            "SELECT job, COUNT(*), COUNT(DISTINCT owner) FROM job_runs WHERE finished_at_ms IS NOT NULL GROUP BY job ORDER BY job;");
        Assert.Equal(Hours + 1, runs.Single(r => r.Job == "hourly").Count);
        Assert.True(runs.Single(r => r.Job == "hourly").Owners > 1, "one instance ran every occurrence; the test shows nothing");
        Assert.Equal(2, runs.Single(r => r.Job == "digest").Count);
        Assert.Equal(0, await cluster.QueryAsync<long>("SELECT COUNT(*) FROM job_runs WHERE finished_at_ms IS NULL OR error IS NOT NULL;"));
        // Thursday and Friday 09:00: one digest each in the platform channel, and every queued post sent once.
        var posts = cluster.Slack.Bodies("chat.postMessage");
        Assert.Equal(2, posts.Count(m => m["channel"]!.GetValue<string>() == "C0PLATFORM"));
        Assert.Equal(posts.Count, await cluster.QueryAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE kind = 'chat.postMessage' AND state = 'sent';"));
    }
}
