using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBot.Tests.GitHub;

// What strangers send to the webhook route: refused 400 at Warning, rate-limited and counted; and
// GitHub's largest payloads (25 MB) accepted on this route alone.
public sealed class WebhookDoorTests : IAsyncLifetime
{
    private const int RefusedEventId = 15010;
    private readonly RecordingLogger logs = new();
    private readonly TestApp app;
    private HttpClient hooks = null!;

    public WebhookDoorTests() => app = GitHubTestApp.Create(s => s.AddSingleton<ILoggerProvider>(logs));

    public async ValueTask InitializeAsync()
    {
        hooks = app.CreateClient();
        await app.Get<InboxWorker>().StopAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static HttpRequestMessage Delivery(string? eventName, string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhooks")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        if (eventName is not null)
        {
            request.Headers.Add("X-GitHub-Event", eventName);
        }
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }
        return request;
    }

    [Fact]
    public async Task Strangers_Get400_LoggedAtWarningOncePerMinuteAndCounted()
    {
        var body = OfficialExamples.Read("ping.0.json");
        var meters = app.Get<IMeterFactory>();
        using var listener = new MeterListener();
        var counted = new List<string>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this app's meter: other tests' apps refuse deliveries in parallel.
            if (instrument.Name == "budgetbot.github.webhook.refused" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (counted)
            {
                counted.Add((string)tags.ToArray().Single(t => t.Key == "reason").Value! + ":" + value);
            }
        });
        listener.Start();

        HttpRequestMessage[] requests =
        [
            Delivery("ping", body, GitHubTestApp.Sign(body, "wrong secret")),
            Delivery("ping", body, GitHubTestApp.Sign(body, "wrong secret")),
            Delivery("ping", body, null),
            Delivery(null, body, GitHubTestApp.Sign(body)),
        ];
        foreach (var request in requests)
        {
            var response = await hooks.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await hooks.SendAsync(Delivery("ping", body, GitHubTestApp.Sign(body, "wrong secret")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(0L, await app.QueryAsync<long>("SELECT COUNT(*) FROM github_inbox"));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        var lines = logs.Entries.Where(e => e.EventId == RefusedEventId).ToList();
        Assert.All(lines, e => Assert.Equal(LogLevel.Warning, e.Level));
        // bad-signature twice within a minute, then once more after it: two lines, the second saying one went unlogged.
        Assert.Equal(4, lines.Count);
        Assert.Contains(lines, e => e.Message.Contains("bad-signature", StringComparison.Ordinal) && e.Message.Contains("; 1 more", StringComparison.Ordinal));
        Assert.Equal(["bad-signature:1", "bad-signature:1", "bad-signature:1", "missing-event:1", "missing-signature:1"], counted.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A20MegabyteDelivery_IsAcceptedOnTheWebhookRoute_AndOtherRoutesKeepTheirLimit()
    {
        var ping = OfficialExamples.Node("ping.0.json");
        ping["padding"] = new string('x', 20 * 1024 * 1024);
        var body = ping.ToJsonString();

        var response = await hooks.DeliverAsync("ping", body, "big");
        await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("done", (long)body.Length), await app.QueryAsync<(string, long)>(
            "SELECT state, LENGTH(body) FROM github_inbox WHERE delivery_id = 'big'"));
        using var other = await app.ClientWithScopesAsync(BudgetBot.Auth.Scopes.Ingest);
        var usage = await other.PostAsync("/api/usage", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, usage.StatusCode);
    }

    [Fact]
    public async Task ADeliveryAbove25Megabytes_Is413()
    {
        var body = "{\"zen\":\"" + new string('x', (int)WebhookSignature.MaxBodyBytes) + "\"}";

        var response = await hooks.DeliverAsync("ping", body, "too-big");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0L, await app.QueryAsync<long>("SELECT COUNT(*) FROM github_inbox"));
    }
}
