using System.Net;
using BudgetBot.Slack;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Slack;

// Issue 15 item 9: Slack's signature scheme accepts a byte-identical request again inside its
// 5-minute window; BudgetBot acts on it once and answers the replay with the first answer.
public sealed class SlackReplayTests
{
    private const string Text = "request $500 for platform eval suite";

    [Fact]
    public async Task ReplayedCommand_FilesOneRequest_AndGetsTheFirstAnswer()
    {
        var fake = new FakeSlackApi();
        await using var app = SlackTestApp.Create(fake);
        var first = await app.CommandAsync("U0DEV", Text);
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        var replay = await app.CommandAsync("U0DEV", Text, timestamp: SlackTestApp.SignedAt(TestApp.Start));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Contains("BR-1", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1L, await app.QueryAsync<long>("SELECT COUNT(*) FROM slack_requests"));
        await app.DrainAsync();
        Assert.Single(fake.Bodies("chat.postMessage"));
    }

    [Fact]
    public async Task SameCommand_SignedAtAnotherSecond_IsANewRequest()
    {
        await using var app = SlackTestApp.Create(new FakeSlackApi());
        await app.CommandAsync("U0DEV", Text);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await (await app.CommandAsync("U0DEV", Text)).ReadAsync();

        // Not a replay: the request service answers it (one pending request per requester and budget).
        Assert.DoesNotContain("BR-1", second.GetProperty("text").GetString() ?? "", StringComparison.Ordinal);
        Assert.Equal(2L, await app.QueryAsync<long>("SELECT COUNT(*) FROM slack_replays"));
    }

    [Fact]
    public async Task ReplayedClick_ActsOnce_AndTellsNobodyTwice()
    {
        var fake = new FakeSlackApi();
        await using var app = SlackTestApp.Create(fake);
        await app.CommandAsync("U0DEV", Text);
        await app.DrainAsync();
        var calls = fake.Calls.Count;
        var click = await app.ClickAsync("U0LEAD1", RequestCards.ApproveAction, "BR-1");
        var replay = await app.ClickAsync("U0LEAD1", RequestCards.ApproveAction, "BR-1");
        await app.DrainAsync();

        Assert.Equal(click.StatusCode, replay.StatusCode);
        Assert.Equal(1L, await app.QueryAsync<long>("SELECT COUNT(*) FROM grants"));
        Assert.Empty(fake.Bodies("chat.postEphemeral"));
        Assert.Single(fake.Bodies("chat.update"));
        Assert.True(fake.Calls.Count > calls);
    }

    [Fact]
    public async Task Replay_ToAnotherInstance_IsAnsweredFromTheSharedDatabase()
    {
        var fake = new FakeSlackApi();
        await using var one = SlackTestApp.Create(fake);
        await using var two = SlackTestApp.Create(fake, databasePath: one.DatabasePath);
        var first = await one.CommandAsync("U0DEV", Text);
        var replay = await two.CommandAsync("U0DEV", Text);

        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1L, await one.QueryAsync<long>("SELECT COUNT(*) FROM slack_requests"));
    }

    [Fact]
    public async Task RememberedSignatures_ArePrunedAfterTenMinutes()
    {
        await using var app = SlackTestApp.Create(new FakeSlackApi());
        await app.CommandAsync("U0DEV", "help");
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.CommandAsync("U0DEV", "help");

        Assert.Equal(1L, await app.QueryAsync<long>("SELECT COUNT(*) FROM slack_replays"));
    }
}
