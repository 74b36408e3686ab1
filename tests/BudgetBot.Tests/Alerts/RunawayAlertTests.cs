using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using static BudgetBot.Tests.Alerts.ThresholdAlertTests;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Alerts;

// alerts.runawayUsdPerHour is 50 in the test policy; the clock starts at 12:00 UTC.
public sealed class RunawayAlertTests : IAsyncLifetime
{
    private readonly TestApp app = new();

    public async ValueTask InitializeAsync() => await app.ClientWithScopesAsync(Scopes.Ingest);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task PullRequest_AboveTheHourlyLimit_AlertsAtOnce_OncePerHourWindow()
    {
        await IngestAsync(app, OnPr("r1", 30, "11:30"));
        var below = await app.SlackRowsAsync();
        await IngestAsync(app, OnPr("r2", 30, "11:45"));
        await IngestAsync(app, OnPr("r3", 10, "11:50"));
        var once = await app.SlackRowsAsync();
        app.Clock.Advance(TimeSpan.FromHours(1));
        await IngestAsync(app, OnPr("r4", 55, "12:30"));
        var nextHour = await app.SlackRowsAsync();

        Assert.Empty(below);
        var alert = Assert.Single(once);
        Assert.Equal("slack:C0PLATFORM", alert.Target);
        Assert.Contains("Pull request *acme/api#42* spent *$60.00* in the last hour", alert.Payload, StringComparison.Ordinal);
        SlackPayloads.AssertWithinLimits(alert.Payload);
        Assert.Equal(2, nextHour.Count);
        Assert.Contains("*$55.00*", nextHour[1].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOutsideAnyPr_AlertsItsTeam()
    {
        await IngestAsync(app, Event("n1", occurredAt: "2026-03-11T11:40:00Z").With("costUsd", 70).With("repo", "acme/web")
            .With("runId", "777").With("workflow", "nightly"));

        var alert = Assert.Single(await app.SlackRowsAsync());
        Assert.Equal("slack:C0GROWTH", alert.Target);
        Assert.Contains("Workflow run `777` in *acme/web*", alert.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OldWorkReportedLate_IsNotARunaway()
    {
        await IngestAsync(app, OnPr("old", 500, "09:00"));

        Assert.Empty(await app.SlackRowsAsync());
    }

    [Fact]
    public async Task RunawayOutsideAnyTeam_IsRecordedButNotSent()
    {
        await IngestAsync(app, Event("x1", occurredAt: "2026-03-11T11:50:00Z").With("costUsd", 80).With("repo", "other/thing").With("pr", 1));

        Assert.Empty(await app.SlackRowsAsync());
        var recorded = await app.Get<Database>().ReadAsync(c => c.QueryAsync<string>("SELECT subject FROM runaway_alerts WHERE channel IS NULL"));
        Assert.Equal(["pr:other/thing#1"], recorded);
    }

    private static Dictionary<string, object?> OnPr(string id, decimal usd, string time) =>
        Event(id, occurredAt: $"2026-03-11T{time}:00Z").With("costUsd", usd).With("repo", "acme/api").With("pr", 42).With("runId", "run-" + id);
}
