using BudgetBot.GitHub;
using BudgetBot.Outbox;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.ScaleOut;

// Instance A claims work and dies without finishing it. Its leases (2 minutes) keep B away until
// they expire; then B does the work, once. Hosted workers are off so that only the test claims.
public sealed class LeaseTakeoverTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly Cluster cluster = new(2);

    public async ValueTask InitializeAsync()
    {
        await cluster.StartAsync(hostedWorkers: false);
        await cluster.Client(0).DeliverAsync("pull_request", Payloads.PullRequest("opened", 101, new string('a', 40), "feature/101"));
        Assert.Equal(1, await B.Get<InboxWorker>().DrainAsync(Ct));
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();

    private TestApp A => cluster.Instances[0];

    private TestApp B => cluster.Instances[1];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LeasesOfAKilledInstance_AreTakenOverAfterTheyExpire_AndTheWorkIsDoneOnce()
    {
        for (var i = 0; i < 3; i++)
        {
            await cluster.Client(0).DeliverAsync("ping", Payloads.Fixture("ping/payload.json"));
        }
        await ReportAsync("e1", 2.00m);
        Assert.Equal(3, (await A.Get<InboxStore>().ClaimAsync("crashed-A", 20, Lease, Ct)).Count);
        Assert.Equal(2, (await A.Get<OutboxStore>().ClaimAsync("crashed-A", 20, Lease, Ct)).Count);
        await cluster.KillAsync(A);

        cluster.Advance(Lease);
        Assert.Equal(0, await B.Get<InboxWorker>().DrainAsync(Ct));
        Assert.Equal(0, await B.Get<OutboxWorker>().DrainAsync(Ct));
        Assert.DoesNotContain(cluster.Logs.Entries, m => m.EventId == 3020);
        Assert.Empty(cluster.GitHub.To(HttpMethod.Post, "/issues/101/comments"));

        cluster.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, await B.Get<InboxWorker>().DrainAsync(Ct));
        Assert.Equal(2, await B.Get<OutboxWorker>().DrainAsync(Ct));
        Assert.Equal(0, await B.Get<OutboxWorker>().DrainAsync(Ct));

        Assert.Equal(3, cluster.Logs.Entries.Count(m => m.EventId == 3020));
        Assert.Equal("", string.Join("; ", await cluster.QueryListAsync<string>("SELECT event || ' ' || state || ' ' || COALESCE(lease_owner, '-') || ' ' || attempts FROM github_inbox WHERE state <> 'done' OR lease_owner IS NOT NULL OR attempts <> 0;")));
        // Later refreshes of the same PR were folded into the waiting rows (coalescing updates them in
        // place), so the two rows A held are all there is, and B sent each once.
        // usage-check: the alert checks of the usage, run right after its commit, their row closed.
        Assert.Equal([("check-run", "sent", 1L), ("pr-comment", "sent", 1L), ("usage-check", "sent", 1L)],
            await cluster.QueryListAsync<(string, string, long)>("SELECT kind, state, COUNT(*) FROM outbox_messages WHERE lease_owner IS NULL GROUP BY kind, state ORDER BY kind, state;"));
        Assert.Single(cluster.GitHub.To(HttpMethod.Post, "/issues/101/comments"));
        Assert.Single(cluster.GitHub.To(HttpMethod.Post, "/check-runs"));
        Assert.Contains("$2.00", Assert.Single(cluster.GitHub.Comments.Values).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceKilledAfterGitHubCreatedTheComment_ButBeforeRecordingIt_LeavesOneComment()
    {
        await ReportAsync("e1", 2.00m);
        var claimed = await A.Get<OutboxStore>().ClaimAsync("crashed-A", 20, Lease, Ct);
        var comment = Assert.Single(claimed, m => m.Kind == GitHubOutbox.CommentKind);
        var sender = A.Services.GetServices<IOutboxSender>().Single(s => s.Channel == GitHubOutbox.Channel);
        Assert.Equal(OutboxOutcome.Sent, (await sender.SendAsync(comment, Ct)).Outcome);
        // The crash came between GitHub's answer and the local record of it: neither the comment id nor the outbox row was saved.
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={cluster.DatabasePath}"))
        {
            await c.OpenAsync(Ct);
            await using var delete = c.CreateCommand();
            delete.CommandText = "DELETE FROM github_pr_comments;";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync(Ct));
        }
        await cluster.KillAsync(A);

        cluster.Advance(Lease + TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await B.Get<OutboxWorker>().DrainAsync(Ct));
        cluster.Advance(TimeSpan.FromMinutes(1));
        await ReportAsync("e2", 3.00m);
        await cluster.SettleAsync(TimeSpan.FromMinutes(1));

        Assert.Single(cluster.GitHub.To(HttpMethod.Post, "/issues/101/comments"));
        var only = Assert.Single(cluster.GitHub.Comments.Values);
        Assert.Contains("$5.00", only.Body, StringComparison.Ordinal);
        Assert.All(cluster.GitHub.To(HttpMethod.Patch, "/issues/comments/"), p => Assert.EndsWith("/" + only.Id, p.Path, StringComparison.Ordinal));
    }

    private async Task ReportAsync(string id, decimal usd)
    {
        var response = await cluster.Client(1).PostJsonAsync("/api/usage", Event(id).Cost(usd).Pr(101));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
