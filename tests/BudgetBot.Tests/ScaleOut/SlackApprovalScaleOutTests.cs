using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Slack;

namespace BudgetBot.Tests.ScaleOut;

// Slack retries and impatient leads: the same Approve button arrives at every instance at once.
public sealed class SlackApprovalScaleOutTests : IAsyncLifetime
{
    private readonly Cluster cluster = new(3);

    public async ValueTask InitializeAsync() => await cluster.StartAsync();

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task ApproveClickedOnEveryInstance_AddsOneGrantPerRequest_AndDecidesOnce()
    {
        var replies = await Task.WhenAll(cluster.Instances.Select((app, i) => app.CommandAsync("U0DEV", $"request $100 for platform eval run {i}")));
        Assert.All(replies, r => Assert.True(r.IsSuccessStatusCode));
        await cluster.SettleAsync(TimeSpan.FromSeconds(10));
        var cards = await cluster.QueryListAsync<(long Id, string? Ts)>("SELECT id, card_ts FROM slack_requests ORDER BY id;");
        Assert.Equal([1L, 2L, 3L], cards.Select(c => c.Id));
        Assert.All(cards, c => Assert.NotNull(c.Ts));
        Assert.Equal(3, cluster.Slack.Bodies("chat.postMessage").Count(m => m["channel"]!.GetValue<string>() == "C0PLATFORM"));

        // Four clicks per request: one on each instance at once, and a second on the first instance.
        var clicks = cards.SelectMany(c => cluster.Instances.Append(cluster.Instances[0])
            .Select((app, i) => app.ClickAsync("U0LEAD1", "budget_approve", "BR-" + c.Id, c.Ts!, actionTs: $"1773230400.{c.Id}{i}")));
        var answers = await Task.WhenAll(clicks);
        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode));
        await cluster.SettleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([(1L, 1L), (2L, 1L), (3L, 1L)], await cluster.QueryListAsync<(long, long)>(
            "SELECT request_id, COUNT(*) FROM grants GROUP BY request_id ORDER BY request_id;"));
        Assert.Equal(300m, (await cluster.Client(2).GetJsonAsync("/api/budgets/platform")).Decimal("grantedUsd"));
        Assert.Equal(3, await cluster.QueryAsync<long>("SELECT COUNT(*) FROM slack_requests WHERE state = 'approved' AND decided_by = 'U0LEAD1';"));
        Assert.Equal(3, await cluster.QueryAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'request.approved';"));
        var updates = cluster.Slack.Bodies("chat.update");
        Assert.Equal(cards.Select(c => c.Ts).Order(StringComparer.Ordinal), updates.Select(u => u["ts"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(updates, u => Assert.Contains("Approved by <@U0LEAD1>", FakeSlackApi.Raw(u), StringComparison.Ordinal));
        var told = cluster.Slack.Bodies("chat.postEphemeral").Select(m => m["text"]!.GetValue<string>()).ToList();
        Assert.Equal(9, told.Count);
        Assert.All(told, t => Assert.Contains("already approved by <@U0LEAD1>", t, StringComparison.Ordinal));
        Assert.Equal(3, cluster.Slack.Bodies("chat.postMessage").Count(m => m["channel"]!.GetValue<string>() == "DU0DEV"));
    }
}
