using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Slack;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Alerts;

// Anomalies against a baseline, through the ingest endpoint to the fake Slack Web API. Now is
// 2026-03-11 12:00; the test policy's anomalies are the defaults (runK 5, minRuns 20,
// dailyJumpFactor 3, baselineDays 14) and acme/api belongs to team platform (C0PLATFORM).
public sealed class AnomalyAlertTests : IAsyncDisposable
{
    private readonly FakeSlackApi slack = new();
    private readonly TestApp app;

    public AnomalyAlertTests() => app = SlackTestApp.Create(slack);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task ARunFarAboveItsWorkflowsBaseline_AlertsOnceWithTheEvidence_ANormalRunDoesNot()
    {
        // 20 finished runs of triage-bot on Monday, $0.90 to $1.10.
        await IngestAsync(Enumerable.Range(0, 20).Select(i => Run($"r{i}", $"run-{i}", 0.90m + (0.01m * i), "2026-03-09T10:00:00Z")).ToArray());
        await IngestAsync(Run("n1", "normal", 1.05m));
        await app.DrainAsync();
        var afterNormal = Anomalies();

        await IngestAsync(Run("b1", "big", 9m).With("pr", 7), Run("b2", "big", 3m, model: "claude-haiku-4-5-20251001"));
        await app.DrainAsync();
        await IngestAsync(Run("b3", "big", 1m));
        await app.DrainAsync();

        Assert.Empty(afterNormal);
        var alert = Assert.Single(Anomalies());
        var json = FakeSlackApi.Raw(alert);
        Assert.Equal("C0PLATFORM", alert["channel"]!.GetValue<string>());
        Assert.Equal("Unusual run: triage-bot run big in acme/api cost $12.00, its p99 is $1.09 over 20 runs", alert["text"]!.GetValue<string>());
        // Nearest-rank median of $0.90..$1.09 is $0.99, the MAD $0.05; the run's $12 was $9 Sonnet, $3 Haiku.
        Assert.Contains("*Median (p50):*\\n$0.99", json, StringComparison.Ordinal);
        Assert.Contains("*MAD:*\\n$0.05", json, StringComparison.Ordinal);
        Assert.Contains("`claude-sonnet-4-5`: $9.00 (75%)", json, StringComparison.Ordinal);
        Assert.Contains("`claude-haiku-4-5`: $3.00 (25%)", json, StringComparison.Ordinal);
        Assert.Contains("<https://github.com/acme/api/pull/7|acme/api#7>", json, StringComparison.Ordinal);
        SlackPayloads.AssertWithinLimits(json);
    }

    [Fact]
    public async Task AWorkflowsDayAboveThreeTimesItsMedianDay_AlertsOnce()
    {
        // nightly spent $10 a day for the 14 days before today.
        await IngestAsync(Enumerable.Range(1, 14).Select(i => Day($"d{i}", 10, new DateOnly(2026, 3, 11).AddDays(-i))).ToArray());
        await IngestAsync(Day("t1", 25, new DateOnly(2026, 3, 11)));
        await app.DrainAsync();
        var atTwoAndAHalf = Anomalies();

        await IngestAsync(Day("t2", 10, new DateOnly(2026, 3, 11)));
        await IngestAsync(Day("t3", 10, new DateOnly(2026, 3, 11)));
        await app.DrainAsync();

        Assert.Empty(atTwoAndAHalf);
        var alert = Assert.Single(Anomalies());
        Assert.Equal("Unusual day: nightly in acme/api spent $35.00 on Mar 11, its daily median is $10.00", alert["text"]!.GetValue<string>());
        SlackPayloads.AssertWithinLimits(FakeSlackApi.Raw(alert));
    }

    // Each workflow's finished runs are kept for a minute (RunCostStore.FinishedRunCostsAsync). Runs
    // stored already quiet, one batch at a time, join the kept baseline at its next read; more usage
    // for a run the kept rows count as finished drops them at once.
    [Fact]
    public async Task RunsStoredQuiet_JoinTheKeptBaselineWithinAMinute_MoreUsageForAKeptRunAtOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            await IngestAsync(Run($"r{i}", $"run-{i}", 0.90m + (0.01m * i), "2026-03-09T10:00:00Z"));
        }
        await IngestAsync(Run("b1", "big", 9m));
        await app.DrainAsync();
        var keptFromTheFirstRun = Anomalies();

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await IngestAsync(Run("b2", "bigger", 12m, "2026-03-11T12:00:30Z"));
        await app.DrainAsync();
        var afterAMinute = Anomalies();

        // run-19 doubles in cost: the kept rows are dropped, and the p99 the next run meets is $2.18.
        await IngestAsync(Run("r19b", "run-19", 1.09m, "2026-03-09T10:05:00Z"));
        await IngestAsync(Run("b3", "biggest", 15m, "2026-03-11T12:00:40Z"));
        // A second message to the channel within a second waits for Slack's rate limit.
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await app.DrainAsync();

        Assert.Empty(keptFromTheFirstRun);
        Assert.Equal("Unusual run: triage-bot run bigger in acme/api cost $12.00, its p99 is $1.09 over 20 runs", Assert.Single(afterAMinute)["text"]!.GetValue<string>());
        Assert.Equal("Unusual run: triage-bot run biggest in acme/api cost $15.00, its p99 is $2.18 over 20 runs", Anomalies()[^1]["text"]!.GetValue<string>());
    }

    // A run that goes quiet while its workflow's rows are kept joins the baseline at the next read, once
    // the minute is over.
    [Fact]
    public async Task ARunThatGoesQuiet_JoinsTheKeptBaselineAfterAMinute()
    {
        await IngestAsync(Enumerable.Range(0, 19).Select(i => Run($"r{i}", $"run-{i}", 0.90m + (0.01m * i), "2026-03-09T10:00:00Z")).ToArray());
        await IngestAsync(Run("r19", "run-19", 1.09m, "2026-03-11T11:50:00Z"));
        await IngestAsync(Run("b1", "big", 9m));
        await app.DrainAsync();
        var whileRunning = Anomalies();

        // 40 minutes on, run-19 and big are quiet: 21 runs, the p99 is big's $9.00.
        app.Clock.Advance(TimeSpan.FromMinutes(40));
        await IngestAsync(Run("b2", "bigger", 50m, "2026-03-11T12:39:00Z"));
        await app.DrainAsync();

        Assert.Empty(whileRunning);
        var alert = Assert.Single(Anomalies());
        Assert.Equal("Unusual run: triage-bot run bigger in acme/api cost $50.00, its p99 is $9.00 over 21 runs", alert["text"]!.GetValue<string>());
    }

    private List<System.Text.Json.Nodes.JsonObject> Anomalies() =>
        slack.Bodies("chat.postMessage").Where(m => m["text"]!.GetValue<string>().StartsWith("Unusual", StringComparison.Ordinal)).ToList();

    private static Dictionary<string, object?> Run(string id, string runId, decimal usd, string occurredAt = "2026-03-11T11:55:00Z", string model = "claude-sonnet-4-5-20250929") =>
        Event(id, model, occurredAt).With("costUsd", usd).With("repo", "acme/api").With("workflow", "triage-bot").With("runId", runId);

    private static Dictionary<string, object?> Day(string id, decimal usd, DateOnly day) =>
        Event(id, occurredAt: $"{day:yyyy-MM-dd}T{(day == new DateOnly(2026, 3, 11) ? "11" : "10")}:{id.Length:D2}:00Z").With("costUsd", usd).With("repo", "acme/api").With("workflow", "nightly");

    private async Task IngestAsync(params Dictionary<string, object?>[] events)
    {
        var client = await app.ClientWithScopesAsync(Scopes.Ingest);
        var response = await client.PostJsonAsync("/api/usage", Batch(events));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
