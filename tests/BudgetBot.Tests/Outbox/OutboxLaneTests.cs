using BudgetBot.GitHub;
using BudgetBot.Outbox;
using BudgetBot.Storage;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;
using Dapper;

namespace BudgetBot.Tests.Outbox;

// Issue 15 items 20 and 16: destinations drain independently; leases are kept alive by a heartbeat
// and taken back by the same instance when it restarts.
public sealed class OutboxLaneTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HungGitHubCall_DoesNotHoldUpASlackCard()
    {
        await using var h = new OutboxHarness();
        _ = h.GitHub.App.Server; // hosted outbox worker running
        var client = await h.GitHub.App.ClientWithScopesAsync(BudgetBot.Auth.Scopes.Ingest);
        h.Gate.Close();

        // $2 on acme/api#42: its comment goes to GitHub, which hangs.
        var response = await client.PostJsonAsync("/api/usage", Event("e1").With("costUsd", 2).With("repo", "acme/api").With("pr", 42));
        Assert.True(response.IsSuccessStatusCode);
        await Eventually(() => h.Gate.Held > 0, TimeSpan.FromSeconds(15));

        // $2,600 more for the platform team, outside any PR: the 50% alert card goes to Slack.
        response = await client.PostJsonAsync("/api/usage", Event("e2").With("costUsd", 2600).With("repo", "acme/payments-api"));
        Assert.True(response.IsSuccessStatusCode);

        // A bounded wait, well under GitHub's 30 s client timeout: one shared loop would still be stuck.
        await Eventually(() => h.Slack.Bodies("chat.postMessage").Count == 1, TimeSpan.FromSeconds(15));
        Assert.Empty(h.GitHub.CommentPosts);
        h.Gate.Release();
        await Eventually(() => h.GitHub.CommentPosts.Count == 1, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task ALongSend_KeepsItsLeaseByHeartbeat_PastTheLeaseLength()
    {
        await using var h = new OutboxHarness();
        await h.GitHub.StartAsync();
        await h.GitHub.ReportAsync("e1", 2m);
        h.Gate.Close();
        var drain = h.GitHub.DrainAsync();
        await Eventually(() => h.Gate.Held > 0, TimeSpan.FromSeconds(15));

        var store = h.GitHub.App.Get<OutboxStore>();
        for (var i = 0; i < 4; i++)
        {
            h.GitHub.Advance(OutboxWorker.Heartbeat);
            var until = (h.GitHub.App.Clock.GetUtcNow() + OutboxWorker.Lease).ToUnixTimeMilliseconds();
            await Eventually(async () => await MinLeaseAsync(h) >= until, TimeSpan.FromSeconds(15));
        }
        // 40 s into a 30 s lease: nobody else may take the rows.
        Assert.Empty(await store.ClaimAsync("another-instance", 20, OutboxWorker.Lease, Ct));

        h.Gate.Release();
        await drain;
        Assert.Single(h.GitHub.CommentPosts);
    }

    [Fact]
    public async Task RestartedInstance_TakesBackItsOwnLeases_AtStart_NotAfterTheLease()
    {
        var settings = new Dictionary<string, string?> { ["Instance:Id"] = "budgetbot-0" };
        await using var h = new OutboxHarness(settings);
        await h.GitHub.StartAsync();
        await h.GitHub.App.Get<InboxWorker>().StopAsync(Ct);
        await h.GitHub.ReportAsync("e1", 2m);
        await h.GitHub.App.Get<InboxStore>().AddAsync("d-1", "ping", null, Payloads.Fixture("ping/payload.json"), Ct);
        // The previous run of this instance held everything when it was killed, with long leases left.
        await using (var c = await h.GitHub.App.Get<Database>().OpenAsync(Ct))
        {
            var until = h.GitHub.App.Clock.GetUtcNow().AddMinutes(2).ToUnixTimeMilliseconds();
            await c.ExecuteAsync("UPDATE outbox_messages SET lease_owner = 'budgetbot-0', lease_until_ms = @until WHERE state = 'pending';", new { until });
            await c.ExecuteAsync("UPDATE github_inbox SET lease_owner = 'budgetbot-0', lease_until_ms = @until;", new { until });
        }
        Assert.Equal(0, await h.GitHub.DrainAsync());

        // The restart: the hosted workers start and take back what "budgetbot-0" held, without the clock moving.
        await h.GitHub.App.Get<OutboxWorker>().StartAsync(Ct);
        await h.GitHub.App.Get<InboxWorker>().StartAsync(Ct);

        await Eventually(() => h.GitHub.CommentPosts.Count == 1, TimeSpan.FromSeconds(15));
        await Eventually(async () => await StatesAsync(h, "SELECT state FROM github_inbox;") == "done", TimeSpan.FromSeconds(15));
    }

    private static async Task<long> MinLeaseAsync(OutboxHarness h)
    {
        await using var c = await h.GitHub.App.Get<Database>().OpenAsync(Ct);
        return await c.ExecuteScalarAsync<long?>("SELECT MIN(lease_until_ms) FROM outbox_messages WHERE state = 'pending' AND channel = 'github';") ?? 0;
    }

    private static async Task<string> StatesAsync(OutboxHarness h, string sql)
    {
        await using var c = await h.GitHub.App.Get<Database>().OpenAsync(Ct);
        return string.Join(",", await c.QueryAsync<string>(sql));
    }

    internal static Task Eventually(Func<bool> condition, TimeSpan within) => Eventually(() => Task.FromResult(condition()), within);

    internal static async Task Eventually(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {within}");
            await Task.Delay(25, Ct);
        }
    }
}
