using System.Globalization;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.ScaleOut;

// Three instances behind a (simulated) load balancer take one stream of webhooks, each delivered
// twice to different instances, and usage batches, each resent to another instance, while every
// instance's workers drain the shared inbox and outbox.
public sealed class WebhookAndUsageStreamTests : IAsyncLifetime
{
    private static readonly int[] Prs = [101, 102, 103];
    private readonly Cluster cluster = new(3);
    private readonly List<string> deliveries = [];
    private long accepted;
    private long duplicates;

    public async ValueTask InitializeAsync()
    {
        // Each instance's first GitHub call waits for its installation token: usage arriving meanwhile
        // queues refreshes of a PR whose comment another instance is still writing.
        cluster.GitHub.TokenDelay = TimeSpan.FromMilliseconds(150);
        await cluster.StartAsync();
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();

    private static string Sha(int pr, char wave) => new string(wave, 32) + pr.ToString("D8", CultureInfo.InvariantCulture);

    private static long RunId(int pr) => 9000 + pr;

    [Fact]
    public async Task EveryDeliveryAndEventIsHandledOnce_AndEachPrGetsOneComment()
    {
        // Wave 1: PRs open, GitHub pings, usage (some without a PR, bound later by its run).
        var wave1 = Prs.SelectMany((n, i) => new[]
        {
            DeliverTwiceAsync(i, "pull_request", Payloads.PullRequest("opened", n, Sha(n, 'a'), $"feature/{n}")),
            UsageTwiceAsync(i + 1, Event($"u{n}-1").Cost(2.00m).Pr(n)),
            LaterAsync(() => UsageTwiceAsync(i + 2, Event($"u{n}-2").Cost(2.00m).Pr(n), Event($"u{n}-3").Cost(1.50m).Run(n))),
        }).Append(DeliverTwiceAsync(0, "ping", Payloads.Fixture("ping/payload.json")))
          .Append(DeliverTwiceAsync(2, "ping", Payloads.Fixture("ping/payload.json")));
        await Task.WhenAll(wave1);
        await Task.WhenAll(Prs.Select((n, i) => DeliverTwiceAsync(i + 2, "workflow_run",
            Payloads.WorkflowRun("completed", RunId(n), Sha(n, 'a'), $"feature/{n}", [n]))));
        await cluster.SettleAsync(TimeSpan.FromMinutes(1));

        // Wave 2, past the comment debounce: new heads and more usage.
        cluster.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(Prs.SelectMany((n, i) => new[]
        {
            DeliverTwiceAsync(i + 1, "pull_request", Payloads.PullRequest("synchronize", n, Sha(n, 'b'), $"feature/{n}",
                before: Sha(n, 'a'), updatedAt: "2026-03-11T11:00:00Z")),
            UsageTwiceAsync(i, Event($"u{n}-4").Cost(3.00m).Pr(n)),
        }));
        await cluster.SettleAsync(TimeSpan.FromMinutes(1));

        await AssertInboxAsync();
        await AssertUsageAsync();
        AssertComments();
        var checkPosts = cluster.GitHub.To(HttpMethod.Post, "/check-runs").GroupBy(r => r.Json().GetProperty("head_sha").GetString()).ToList();
        Assert.All(checkPosts, g => Assert.Single(g));
        Assert.Equal(Prs.Select(n => Sha(n, 'b')).Order(StringComparer.Ordinal), checkPosts.Select(g => g.Key!).Where(s => s.StartsWith('b')).Order(StringComparer.Ordinal));
    }

    private async Task AssertInboxAsync()
    {
        var rows = await cluster.QueryListAsync<(string Delivery, string State, long Attempts, string? Owner)>(
            "SELECT delivery_id, state, attempts, lease_owner FROM github_inbox ORDER BY id;");
        Assert.Equal(deliveries.Order(StringComparer.Ordinal), rows.Select(r => r.Delivery).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(("done", 0L, (string?)null), (r.State, r.Attempts, r.Owner)));
        // Every delivery was sent twice: the second copy (to another instance) was recognised once each.
        Assert.Equal(deliveries.Count, cluster.Logs.Entries.Count(m => m.EventId == 3002));
        // A ping's handler logs once per handling: each ping was handled by exactly one instance, once.
        var pings = cluster.Logs.Entries.Where(m => m.EventId == 3020).Select(m => m.Message).ToList();
        Assert.Equal(2, pings.Count);
        Assert.Equal(2, pings.Distinct(StringComparer.Ordinal).Count());
        var heads = await cluster.QueryListAsync<(long Number, string Head)>("SELECT number, head_sha FROM pull_requests ORDER BY number;");
        Assert.Equal(Prs.Select(n => ((long)n, Sha(n, 'b'))), heads);
        Assert.Equal(6, await cluster.QueryAsync<long>("SELECT COUNT(*) FROM pr_head_shas;"));
        Assert.Equal(Prs.Select(n => (RunId(n).ToString(CultureInfo.InvariantCulture), (long)n)),
            await cluster.QueryListAsync<(string, long)>("SELECT run_id, number FROM workflow_run_prs ORDER BY number;"));
    }

    private async Task AssertUsageAsync()
    {
        Assert.Equal(12, accepted);
        Assert.Equal(12, duplicates);
        var perPr = await cluster.QueryListAsync<(long? Pr, long Events, long Micros)>(
            "SELECT pr, COUNT(*), SUM(cost_micros) FROM usage_events GROUP BY pr ORDER BY pr;");
        Assert.Equal(Prs.Select(n => ((long?)n, 4L, 8_500_000L)), perPr);
        var org = await cluster.QueryAsync<(long Events, long Micros)>("SELECT SUM(events), SUM(cost_micros) FROM spend_rollups WHERE scope = 'org';");
        Assert.Equal((12L, 25_500_000L), org);
        var budget = await cluster.Client(1).GetJsonAsync("/api/budgets/everything");
        Assert.Equal(25.50m, budget.Decimal("spentUsd"));
    }

    private void AssertComments()
    {
        foreach (var n in Prs)
        {
            Assert.Single(cluster.GitHub.To(HttpMethod.Post, $"/issues/{n}/comments"));
            var comment = Assert.Single(cluster.GitHub.Comments.Values, c => c.Number == n);
            Assert.Contains("Agent spend on this PR: $8.50", comment.Body, StringComparison.Ordinal);
        }
        var patches = cluster.GitHub.To(HttpMethod.Patch, "/issues/comments/");
        Assert.NotEmpty(patches);
        Assert.All(patches, p => Assert.Contains(cluster.GitHub.Comments.Keys, id => p.Path.EndsWith("/" + id, StringComparison.Ordinal)));
    }

    private static async Task LaterAsync(Func<Task> work)
    {
        await Task.Delay(50, TestContext.Current.CancellationToken);
        await work();
    }

    // The same delivery (same X-GitHub-Delivery) to two instances at once, as a retrying GitHub might.
    private async Task DeliverTwiceAsync(int instance, string eventName, string body)
    {
        var delivery = Guid.NewGuid().ToString();
        lock (deliveries)
        {
            deliveries.Add(delivery);
        }
        var answers = await Task.WhenAll(
            cluster.Client(instance % 3).DeliverAsync(eventName, body, delivery),
            cluster.Client((instance + 1) % 3).DeliverAsync(eventName, body, delivery));
        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, $"{eventName} answered {(int)a.StatusCode}"));
    }

    // A batch to one instance and, as a client retrying after a timeout would, to the next one too.
    private async Task UsageTwiceAsync(int instance, params Dictionary<string, object?>[] events)
    {
        var answers = await Task.WhenAll(
            cluster.Client(instance % 3).PostJsonAsync("/api/usage", Batch(events)),
            cluster.Client((instance + 1) % 3).PostJsonAsync("/api/usage", Batch(events)));
        foreach (var answer in answers)
        {
            var json = await answer.ReadAsync();
            Interlocked.Add(ref accepted, json.GetProperty("accepted").GetInt64());
            Interlocked.Add(ref duplicates, json.GetProperty("duplicates").GetInt64());
        }
    }
}
