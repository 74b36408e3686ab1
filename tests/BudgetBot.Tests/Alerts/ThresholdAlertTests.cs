using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Alerts;

// The platform budget of the test policy: $5,000 a month, thresholds 50/80/100, team channel C0PLATFORM.
public sealed class ThresholdAlertTests : IAsyncLifetime
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-alerts-");
    private readonly List<TestApp> apps = [];

    private string DatabasePath => Path.Combine(dir.FullName, "alerts.db");

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
    public async Task Threshold_AlertsOncePerPeriod_AcrossARestart_AndAgainNextPeriod()
    {
        var first = await StartAsync();
        await IngestAsync(first, Spend("a1", 2600));
        await IngestAsync(first, Spend("a2", 10));
        var afterFirst = await first.SlackRowsAsync();
        await first.DisposeAsync();
        apps.Remove(first);

        var restarted = await StartAsync();
        await IngestAsync(restarted, Spend("a3", 100));
        var afterRestart = await restarted.SlackRowsAsync();
        restarted.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 0, 30, 0, TimeSpan.Zero));
        await IngestAsync(restarted, Spend("a4", 2600, "2026-04-01T00:10:00Z"));
        var nextPeriod = await restarted.SlackRowsAsync();

        var alert = Assert.Single(afterFirst);
        Assert.Equal(("slack", "chat.postMessage", "slack:C0PLATFORM"), (alert.Channel, alert.Kind, alert.Target));
        Assert.Contains("passed the *50%* threshold", alert.Payload, StringComparison.Ordinal);
        SlackPayloads.AssertWithinLimits(alert.Payload);
        Assert.Single(afterRestart);
        // $2,600 half an hour into April, after a March that spent on one day only, is also forecast to
        // run out early: that alert (ForecastAlertTests) is apart from the threshold ones counted here.
        var thresholds = nextPeriod.Where(r => !r.Payload.Contains("Budget forecast", StringComparison.Ordinal)).ToList();
        Assert.Single(nextPeriod, r => r.Payload.Contains("Budget forecast: platform", StringComparison.Ordinal));
        Assert.Equal(2, thresholds.Count);
        Assert.Contains("passed the *50%* threshold", thresholds[1].Payload, StringComparison.Ordinal);
        Assert.Contains("2026-05-01 00:00 UTC", thresholds[1].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralThresholdsAtOnce_SendOneAlertForTheHighest_AndRecordEach()
    {
        var app = await StartAsync();

        await IngestAsync(app, Spend("big", 4100));
        await IngestAsync(app, Spend("more", 100));

        var alert = Assert.Single(await app.SlackRowsAsync());
        Assert.Contains("passed the *80%* threshold", alert.Payload, StringComparison.Ordinal);
        Assert.Equal([50L, 80L], await RecordedAsync(app, "platform"));
    }

    [Fact]
    public async Task UnpricedModels_AreNamedInTheAlert()
    {
        var app = await StartAsync();

        await IngestAsync(app, Event("u1", model: "mystery-model-9").With("inputTokens", 1000).With("repo", "acme/api"), Spend("s1", 2600));

        var alert = Assert.Single(await app.SlackRowsAsync());
        Assert.Contains("*Unpriced models*", alert.Payload, StringComparison.Ordinal);
        Assert.Contains("`mystery-model-9`: 1 event", alert.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BudgetWithoutATeamChannel_IsRecordedButNotSent()
    {
        var app = await StartAsync();

        await IngestAsync(app, Event("w1").With("costUsd", 90).With("workflow", "claude-review"));

        Assert.Empty(await app.SlackRowsAsync());
        Assert.Equal([80L], await RecordedAsync(app, "review-agents"));
    }

    [Fact]
    public async Task BudgetNoTeamOwns_AlertsThePolicysAlertChannel()
    {
        var policy = TestPolicy.Default.Replace("alerts: { runawayUsdPerHour: 50 }", "alerts: { runawayUsdPerHour: 50, channel: C0BUDGETS }", StringComparison.Ordinal);
        var app = await StartAsync(policy);

        await IngestAsync(app, Event("w1").With("costUsd", 90).With("workflow", "claude-review"));

        var row = Assert.Single(await app.SlackRowsAsync());
        Assert.Equal("slack:C0BUDGETS", row.Target);
        Assert.Contains("review-agents", row.Payload, StringComparison.Ordinal);
        Assert.Equal([80L], await RecordedAsync(app, "review-agents"));
    }

    private async Task<TestApp> StartAsync(string? policy = null)
    {
        // The scheduler is off: jumping the clock a month would otherwise also post that month's digest.
        var app = new TestApp(policy, new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" }, DatabasePath);
        apps.Add(app);
        await app.ClientWithScopesAsync(Scopes.Ingest);
        return app;
    }

    private static Dictionary<string, object?> Spend(string id, decimal usd, string occurredAt = "2026-03-11T11:00:00Z") =>
        Event(id, occurredAt: occurredAt).With("costUsd", usd).With("repo", "acme/api");

    internal static async Task IngestAsync(TestApp app, params Dictionary<string, object?>[] events)
    {
        var client = await app.ClientWithScopesAsync(Scopes.Ingest);
        var response = await client.PostJsonAsync("/api/usage", Batch(events));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static Task<List<long>> RecordedAsync(TestApp app, string budget) =>
        app.Get<Database>().ReadAsync(async c => (await c.QueryAsync<long>(
            "SELECT threshold FROM alerts_sent WHERE budget_id = @Budget ORDER BY threshold", new { Budget = budget })).ToList());
}
