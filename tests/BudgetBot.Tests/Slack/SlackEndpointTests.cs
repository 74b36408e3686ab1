using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Slack;

// The three signed endpoints through the real pipeline: refusals, ssl_check, url_verification,
// event de-duplication and the 3-second answer.
public sealed class SlackEndpointTests
{
    private static string Json(object o) => System.Text.Json.JsonSerializer.Serialize(o);

    [Fact]
    public async Task Unconfigured_AnswersServiceUnavailable_NeverAcceptsUnsigned()
    {
        await using var app = SlackTestApp.Create(new FakeSlackApi(), configured: false);
        var response = await app.CommandAsync("U0DEV", "status");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Tampered_Stale_AndWrongSecret_AreRefused()
    {
        var fake = new FakeSlackApi();
        await using var app = SlackTestApp.Create(fake);
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        var body = SlackTestApp.Form(("text", "request 500 x"), ("user_id", "U0DEV"), ("channel_id", "C0PLATFORM"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostSignedAsync("/slack/commands", body, "application/x-www-form-urlencoded", now - 301)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostSignedAsync("/slack/commands", body, "application/x-www-form-urlencoded", now + 301)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostSignedAsync("/slack/commands", body, "application/x-www-form-urlencoded", secret: "another")).StatusCode);
        var client = app.CreateClient();
        using var unsigned = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/slack/commands", unsigned, TestContext.Current.CancellationToken)).StatusCode);
        await app.DrainAsync();
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task SslCheck_IsAnsweredAndNotDispatched()
    {
        var fake = new FakeSlackApi();
        await using var app = SlackTestApp.Create(fake);
        using var content = new StringContent("ssl_check=1&token=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await app.CreateClient().PostAsync("/slack/commands", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UrlVerification_EchoesTheChallenge()
    {
        await using var app = SlackTestApp.Create(new FakeSlackApi());
        var response = await app.PostSignedAsync("/slack/events", Json(new { token = "x", challenge = "P7sFXA4o3HV2", type = "url_verification" }), "application/json");
        Assert.Equal("P7sFXA4o3HV2", (await response.ReadAsync()).GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task Event_ReplayedWithTheSameEventId_IsHandledOnce()
    {
        var fake = new FakeSlackApi();
        await using var app = SlackTestApp.Create(fake);
        var body = Json(new
        {
            type = "event_callback", event_id = "Ev0001",
            @event = new { type = "app_mention", user = "U0DEV", text = "<@UBOT> help", ts = "1.2", channel = "C0PLATFORM" },
        });
        Assert.Equal(HttpStatusCode.OK, (await app.PostSignedAsync("/slack/events", body, "application/json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostSignedAsync("/slack/events", body, "application/json")).StatusCode);
        await app.DrainAsync();
        var posts = fake.Bodies("chat.postMessage");
        Assert.Single(posts);
        Assert.Equal("1.2", posts[0]["thread_ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task Command_IsAnsweredWithin3Seconds_WhileSlackTakes5()
    {
        var fake = new FakeSlackApi { Delay = TimeSpan.FromSeconds(5) };
        await using var app = SlackTestApp.Create(fake);
        _ = app.CreateClient();
        var watch = Stopwatch.StartNew();
        var response = await app.CommandAsync("U0DEV", "request $500 for platform eval suite");
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("BR-1", (await response.ReadAsync()).GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"answered in {watch.Elapsed}");
    }

    [Fact]
    public async Task Status_AnswersWithEveryBudget()
    {
        await using var app = SlackTestApp.Create(new FakeSlackApi());
        var reply = await (await app.CommandAsync("U0DEV", "status")).ReadAsync();
        Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
        var text = reply.GetProperty("text").GetString()!;
        Assert.Contains("platform:", text, StringComparison.Ordinal);
        Assert.Contains("review-agents:", text, StringComparison.Ordinal);
        var one = await (await app.CommandAsync("U0DEV", "status growth")).ReadAsync();
        Assert.Contains("No budget or team", one.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.IsType<JsonArray>(JsonNode.Parse(reply.GetProperty("blocks").GetRawText()));
    }
}
