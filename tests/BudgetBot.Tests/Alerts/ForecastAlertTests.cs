using BudgetBot.Alerts;
using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Slack;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Alerts;

// The platform budget of the test policy ($5,000 a month, channel C0PLATFORM), now 2026-03-11 12:00.
// History of $140 a day from Feb 11 keeps the forecast inside the limit; $600 more today makes the
// straight line steeper and the forecast cross it, long before the 50 % threshold.
public sealed class ForecastAlertTests : IAsyncLifetime
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-forecast-");
    private readonly FakeSlackApi slack = new();
    private readonly List<TestApp> apps = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.DisposeAsync();
        }
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task ForecastCrossingTheLimit_AlertsOncePerPeriod_AcrossInstances_AndAgainNextPeriod()
    {
        var first = Start();
        await IngestAsync(first, Days(new DateOnly(2026, 2, 11), 28, 140));
        await first.DrainAsync();
        var beforeCrossing = Posts();

        await IngestAsync(first, Spend("today", 600, "2026-03-11T11:00:00Z"));
        await first.DrainAsync();
        var crossed = Posts();
        await IngestAsync(first, Spend("more", 10, "2026-03-11T11:30:00Z"));
        await first.DrainAsync();
        var second = Start();
        await IngestAsync(second, Spend("other", 10, "2026-03-11T11:40:00Z"));
        await second.DrainAsync();
        var afterSecondInstance = Posts();

        Assert.Empty(beforeCrossing);
        var alert = Assert.Single(crossed);
        Assert.Equal("C0PLATFORM", alert["channel"]!.GetValue<string>());
        // $2,000 in 10.5 days, 0.6 x $140 + 0.4 x $190.48 = $160.19 a day: $3,000 more takes 18.7 days.
        Assert.Equal("At this rate platform runs out on Mar 30, 1 day early", alert["text"]!.GetValue<string>());
        SlackPayloads.AssertWithinLimits(FakeSlackApi.Raw(alert));
        Assert.Single(afterSecondInstance);

        // April: $300 a day from the 1st, forecast far past $5,000; the 80 % threshold alerts too.
        await first.DisposeAsync();
        apps.Remove(first);
        second.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 15, 12, 0, 0, TimeSpan.Zero));
        await IngestAsync(second, Days(new DateOnly(2026, 4, 1), 14, 300));
        await second.DrainAsync();
        // Two posts to one channel at once: Slack pacing sends the second a second later.
        second.Clock.Advance(TimeSpan.FromSeconds(5));
        await second.DrainAsync();
        var april = Posts();

        Assert.Equal(2, april.Count);
        Assert.StartsWith("At this rate platform runs out on Apr ", april[1]["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, await second.Get<Database>().ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM runaway_alerts WHERE subject = 'forecast:platform'")));
        Assert.Single(slack.Bodies("chat.postMessage"), m => m["text"]!.GetValue<string>().Contains("passed 80%", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Digest_SaysWhenABudgetRunsOutEarly()
    {
        var app = Start();
        await IngestAsync(app, Days(new DateOnly(2026, 2, 11), 28, 140));
        await IngestAsync(app, Spend("today", 600, "2026-03-11T11:00:00Z"));

        var digest = Assert.Single(await app.Get<DigestBuilder>().BuildAsync(app.Clock.GetUtcNow(), TestContext.Current.CancellationToken), d => d.Team == "platform");
        var message = DigestMessage.Render(digest);

        Assert.Contains("*platform* ", message, StringComparison.Ordinal);
        Assert.Contains(", at this rate runs out on Mar 30, 1 day early", message, StringComparison.Ordinal);
    }

    // Forecast alerts only: the threshold alert posts are counted by the last assertion.
    private List<System.Text.Json.Nodes.JsonObject> Posts() =>
        slack.Bodies("chat.postMessage").Where(m => m["text"]!.GetValue<string>().StartsWith("At this rate", StringComparison.Ordinal)).ToList();

    private TestApp Start()
    {
        // The scheduler is off: jumping the clock a month would otherwise also post that month's digest.
        var app = new TestApp(databasePath: Path.Combine(dir.FullName, "forecast.db"), settings: new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackTestApp.Secret, ["Slack:BotToken"] = "xoxb-test", ["Slack:ApiBaseUrl"] = "http://slack.test/api/",
            ["Scheduling:Enabled"] = "false",
        })
        {
            ConfigureTestServices = services => services.AddHttpClient(BudgetBot.Slack.SlackApiClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => slack),
        };
        apps.Add(app);
        return app;
    }

    private static Dictionary<string, object?>[] Days(DateOnly from, int days, decimal usd) =>
        Enumerable.Range(0, days).Select(i => Spend($"d{from.AddDays(i):MMdd}", usd, $"{from.AddDays(i):yyyy-MM-dd}T10:00:00Z")).ToArray();

    private static Dictionary<string, object?> Spend(string id, decimal usd, string occurredAt) =>
        Event(id, occurredAt: occurredAt).With("costUsd", usd).With("repo", "acme/api");

    private static async Task IngestAsync(TestApp app, params Dictionary<string, object?>[] events)
    {
        var client = await app.ClientWithScopesAsync(Scopes.Ingest);
        var response = await client.PostJsonAsync("/api/usage", Batch(events));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
