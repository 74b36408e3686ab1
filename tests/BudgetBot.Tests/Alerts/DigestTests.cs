using BudgetBot.Auth;
using BudgetBot.GitHub;
using BudgetBot.Scheduling;
using BudgetBot.Slack;
using BudgetBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static BudgetBot.Tests.Alerts.ThresholdAlertTests;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Alerts;

// The digest end to end: usage in, the scheduler at the policy's 09:00 weekday occurrence, the
// chat.postMessage payload read back from outbox_messages and compared with its golden file.
public sealed class DigestTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Thursday0900 = new(2026, 3, 12, 9, 0, 0, TimeSpan.Zero);

    private readonly TestApp app = new(settings: new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" })
    {
        ConfigureTestServices = services =>
        {
            services.AddSingleton<IPendingRequests>(new FixedRequests(
                new PendingRequest("BR-12", "platform", "platform", 500m, "U0DEV1", "More eval runs <!channel> & friends",
                    new DateTimeOffset(2026, 3, 11, 8, 0, 0, TimeSpan.Zero)),
                new PendingRequest("BR-13", "growth", "growth", 100m, "U0DEV2", "not platform's", TestApp.Start)));
            services.AddSingleton<IMergedPullRequests>(new FixedMerged(
                new PullRequest("acme/api", 42, 1, "abc", "feature", "acme/api", "main", "closed", true, TestApp.Start.ToUnixTimeMilliseconds(), "Title", "octocat",
                    TestApp.Start.ToUnixTimeMilliseconds())));
        },
    };

    public async ValueTask InitializeAsync() => await app.ClientWithScopesAsync(Scopes.Ingest);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Digest_PostsEachTeamChannelOnce_WithBudgetsWorkflowsRequestsAndUnpricedModels()
    {
        await IngestAsync(app,
            Run("c1", "claude-review", "101", 12, pr: 42),
            Run("c2", "claude-review", "102", 8, pr: 42),
            Run("c3", "claude-review", "103", 10, pr: 43),
            Run("t1", "triage-bot", "201", 5),
            Run("t2", "triage-bot", "202", 3),
            Run("e1", "nightly&<x>", "301", 1),
            Event("u1", model: "mystery-model-9").With("inputTokens", 1000).With("repo", "acme/api"));
        var scheduler = app.Get<Scheduler>();
        await scheduler.RunDueAsync(TestApp.Start);
        app.Clock.SetUtcNow(Thursday0900);

        var ran = await scheduler.RunDueAsync(Thursday0900);
        await scheduler.RunDueAsync(Thursday0900.AddMinutes(5));

        Assert.Single(ran, job => job == "digest");
        var all = await app.SlackRowsAsync();
        var rows = all.Where(r => r.Kind == "chat.postMessage").ToList();
        Assert.Equal(["slack:C0GROWTH", "slack:C0PLATFORM"], rows.Select(r => r.Target).Order());
        // Each digest message is followed, in its channel's queue, by the week's chart (DigestChartTests).
        Assert.Equal(["slack:C0GROWTH", "slack:C0PLATFORM"], all.Where(r => r.Kind == SlackFileUploads.Kind).Select(r => r.Target).Order());
        Assert.Equal(4, all.Count);
        Assert.Contains("`BR-13`", rows.Single(r => r.Target == "slack:C0GROWTH").Payload, StringComparison.Ordinal);
        var digest = rows.Single(r => r.Target == "slack:C0PLATFORM");
        Assert.DoesNotContain("BR-13", digest.Payload, StringComparison.Ordinal);
        SlackPayloads.AssertWithinLimits(digest.Payload);
        Assert.DoesNotContain("<!channel>", digest.Payload, StringComparison.Ordinal);
        Golden.AssertJson("slack/digest-platform.json", digest.Payload);
    }

    [Fact]
    public async Task Digest_SkipsTeamsWithNothingToShow()
    {
        // Without the fakes: growth has no budget, no spend, no requests; platform has its budget.
        await using var plain = new TestApp(settings: new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" });
        var scheduler = plain.Get<Scheduler>();
        await scheduler.RunDueAsync(TestApp.Start);

        await scheduler.RunDueAsync(Thursday0900);

        var digest = Assert.Single(await plain.SlackRowsAsync());
        Assert.Equal("slack:C0PLATFORM", digest.Target);
        Assert.Contains("_No workflow spend in this window._", digest.Payload, StringComparison.Ordinal);
        // The GitHub correlation index is registered, so merge data is known (none merged yet).
        Assert.Contains("by cost per merged PR, then per run)", digest.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_LinksToTheDashboard_WhenItsPublicUrlIsSet()
    {
        await using var linked = new TestApp(settings: new Dictionary<string, string?>
        {
            ["Scheduling:Enabled"] = "false", ["Dashboard:PublicUrl"] = "https://budgetbot.example.com/acme",
        });
        var scheduler = linked.Get<Scheduler>();
        await scheduler.RunDueAsync(TestApp.Start);

        await scheduler.RunDueAsync(Thursday0900);

        var digest = Assert.Single(await linked.SlackRowsAsync()).Payload;
        Assert.Contains("*<https://budgetbot.example.com/acme/dashboard/budgets/platform|platform>*", digest, StringComparison.Ordinal);
        Assert.Contains("<https://budgetbot.example.com/acme/dashboard|Open the dashboard>", digest, StringComparison.Ordinal);
        SlackPayloads.AssertWithinLimits(digest);
    }

    [Theory]
    [InlineData("budgetbot.example.com")]
    [InlineData("ftp://budgetbot.example.com")]
    [InlineData("https://budgetbot.example.com/?x=1")]
    public async Task DashboardPublicUrl_ThatIsNotAnAbsoluteHttpUrl_StopsTheStart(string url)
    {
        await using var bad = new TestApp(settings: new Dictionary<string, string?> { ["Dashboard:PublicUrl"] = url });
        var e = await bad.StartFailureAsync();
        Assert.Contains("Dashboard:PublicUrl must be an absolute http(s) URL", e.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Run(string id, string workflow, string runId, decimal usd, int? pr = null)
    {
        var e = Event(id).With("costUsd", usd).With("repo", "acme/api").With("workflow", workflow).With("runId", runId);
        return pr is { } n ? e.With("pr", n) : e;
    }

    private sealed class FixedRequests(params PendingRequest[] requests) : IPendingRequests
    {
        public Task<IReadOnlyList<PendingRequest>> PendingAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<PendingRequest>>(requests);
    }

    private sealed class FixedMerged(params PullRequest[] prs) : IMergedPullRequests
    {
        public Task<IReadOnlyList<PullRequest>?> MergedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<PullRequest>?>(prs);
    }
}
