using System.Text.Json.Nodes;
using BudgetBot.Slack;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Slack;

// A request from /budget to a grant, against the fake Slack API: what was sent is asserted on the
// real request bodies.
public sealed class ApprovalFlowTests
{
    private static async Task<decimal> GrantedAsync(TestApp app, string budget)
    {
        var client = await app.ClientWithScopesAsync("read");
        return (await client.GetJsonAsync("/api/budgets/" + budget)).Decimal("grantedUsd");
    }

    private static async Task<(TestApp App, FakeSlackApi Fake)> RequestedAsync(string user = "U0DEV", string text = "request $500 for platform eval & <!channel> suite", string expect = "BR-1")
    {
        var fake = new FakeSlackApi();
        var app = SlackTestApp.Create(fake);
        var reply = await (await app.CommandAsync(user, text)).ReadAsync();
        Assert.Contains(expect, reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        await app.DrainAsync();
        return (app, fake);
    }

    [Fact]
    public async Task SignedRequest_PostsTheCardToTheTeamChannel()
    {
        var (app, fake) = await RequestedAsync();
        await using var owned = app;
        var card = Assert.Single(fake.Bodies("chat.postMessage"));
        Assert.Equal("C0PLATFORM", card["channel"]!.GetValue<string>());
        var json = FakeSlackApi.Raw(card);
        Assert.Contains("budget_approve", json, StringComparison.Ordinal);
        Assert.Contains("eval &amp; &lt;!channel&gt; suite", card["blocks"]![1]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Bearer xoxb-test", fake.Calls.First().Auth);
    }

    [Fact]
    public async Task LeadApproves_AddsTheGrant_UpdatesTheCard_AndTellsTheRequester()
    {
        var (app, fake) = await RequestedAsync();
        await using var owned = app;
        await app.ClickAsync("U0LEAD1", "budget_approve", "BR-1");
        Assert.Equal(500m, await GrantedAsync(app, "platform"));
        await app.DrainAsync();
        var update = Assert.Single(fake.Bodies("chat.update"));
        Assert.Equal("1773230400.000101", update["ts"]!.GetValue<string>());
        Assert.DoesNotContain("budget_approve", FakeSlackApi.Raw(update), StringComparison.Ordinal);
        Assert.Contains("Approved by <@U0LEAD1>", FakeSlackApi.Raw(update), StringComparison.Ordinal);
        Assert.Contains(fake.Calls, c => c.Method == "conversations.open" && c.Body == "users=U0DEV");
        Assert.Contains(fake.Bodies("chat.postMessage"), m => m["channel"]!.GetValue<string>() == "DU0DEV" && FakeSlackApi.Raw(m).Contains("approved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSameClickTwice_AddsOneGrant_AndTellsWhoDecided()
    {
        var (app, fake) = await RequestedAsync();
        await using var owned = app;
        await app.ClickAsync("U0LEAD1", "budget_approve", "BR-1");
        // A second real click is a new request (Slack signs it at its own second); a byte-identical
        // replay is answered without acting (SlackReplayTests).
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await app.ClickAsync("U0LEAD1", "budget_approve", "BR-1");
        Assert.Equal(500m, await GrantedAsync(app, "platform"));
        await app.DrainAsync();
        var told = Assert.Single(fake.Bodies("chat.postEphemeral"));
        Assert.Contains("already approved by <@U0LEAD1>", told["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoApproversAtOnce_AddOneGrant()
    {
        var (app, fake) = await RequestedAsync(text: "request 5k for platform a bigger eval");
        await using var owned = app;
        await Task.WhenAll(app.ClickAsync("U0FOUNDER2", "budget_approve", "BR-1"), app.ClickAsync("U0FOUNDER", "budget_approve", "BR-1"));
        Assert.Equal(5000m, await GrantedAsync(app, "platform"));
        await app.DrainAsync();
        Assert.Single(fake.Bodies("chat.update"));
        Assert.Single(fake.Bodies("chat.postEphemeral"));
    }

    [Theory]
    [InlineData("U0LEAD2", "Only <@U0LEAD1> can decide BR-1")]
    [InlineData("U0FOUNDER", "Only <@U0LEAD1> can decide BR-1")]
    [InlineData("U0DEV", "You asked for BR-1")]
    public async Task NonApprover_AndRequester_AreRefused(string clicker, string told)
    {
        var (app, fake) = await RequestedAsync();
        await using var owned = app;
        await app.ClickAsync(clicker, "budget_approve", "BR-1");
        Assert.Equal(0m, await GrantedAsync(app, "platform"));
        await app.DrainAsync();
        Assert.Contains(told, Assert.Single(fake.Bodies("chat.postEphemeral"))["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadsOwnRequest_GoesUpToTheFounders()
    {
        var (app, fake) = await RequestedAsync("U0LEAD1", "request 300 more reviews", "<@U0FOUNDER>, <@U0FOUNDER2> can decide");
        await using var owned = app;
        await app.ClickAsync("U0LEAD1", "budget_approve", "BR-1");
        await app.ClickAsync("U0FOUNDER", "budget_approve", "BR-1");
        Assert.Equal(300m, await GrantedAsync(app, "platform"));
        await app.DrainAsync();
        Assert.Contains("You asked for BR-1", Assert.Single(fake.Bodies("chat.postEphemeral"))["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deny_OpensTheModal_RequiresAReason_AndDecides()
    {
        var (app, fake) = await RequestedAsync();
        await using var owned = app;
        await app.ClickAsync("U0LEAD1", "budget_deny", "BR-1");
        await app.DrainAsync();
        var open = Assert.Single(fake.Bodies("views.open"));
        Assert.Equal("333.444.xyz", open["trigger_id"]!.GetValue<string>());
        var metadata = open["view"]!["private_metadata"]!.GetValue<string>();
        var blank = await (await app.SubmitDenyAsync("U0LEAD1", metadata, "  ")).ReadAsync();
        Assert.Equal("errors", blank.GetProperty("response_action").GetString());
        Assert.True(blank.GetProperty("errors").TryGetProperty("deny_reason", out _));
        var done = await app.SubmitDenyAsync("U0LEAD1", metadata, "use the batch API");
        Assert.Equal(0, (await done.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Length);
        await app.DrainAsync();
        Assert.Contains("Denied by <@U0LEAD1>", FakeSlackApi.Raw(Assert.Single(fake.Bodies("chat.update"))), StringComparison.Ordinal);
        Assert.Equal(0m, await GrantedAsync(app, "platform"));
    }

    [Fact]
    public async Task PendingRequest_ExpiresAfter72Hours()
    {
        var (app, fake) = await RequestedAsync();
        await using var owned = app;
        await app.ClickAsync("U0LEAD2", "budget_approve", "BR-1");
        app.Clock.Advance(TimeSpan.FromHours(72));
        await app.Get<RequestExpiryJob>().RunAsync(app.Clock.GetUtcNow(), TestContext.Current.CancellationToken);
        await app.ClickAsync("U0LEAD1", "budget_approve", "BR-1");
        Assert.Equal(0m, await GrantedAsync(app, "platform"));
        await app.DrainAsync();
        Assert.Contains("Expired", FakeSlackApi.Raw(Assert.Single(fake.Bodies("chat.update"))), StringComparison.Ordinal);
        Assert.Contains(fake.Bodies("chat.postEphemeral"), m => m["text"]!.GetValue<string>().Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approval_LetsABlockedPreflightPass()
    {
        var (app, _) = await RequestedAsync("U0DEV", "request 100 for review-agents reviews of the big refactor");
        await using var __ = app;
        var client = await app.ClientWithScopesAsync("ingest");
        var ask = new { workflow = "claude-review", estimateUsd = 150 };
        Assert.False((await (await client.PostJsonAsync("/api/preflight", ask)).ReadAsync()).GetProperty("allowed").GetBoolean());
        await app.ClickAsync("U0FOUNDER", "budget_approve", "BR-1");
        Assert.True((await (await client.PostJsonAsync("/api/preflight", ask)).ReadAsync()).GetProperty("allowed").GetBoolean());
    }
}
