using System.Net;
using BudgetBot.Auth;
using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.GitHub;

// DESIGN §8 end to end: webhooks through the real endpoint and worker, usage through POST /api/usage.
public sealed class CorrelationTests : IAsyncLifetime
{
    private const string Sha1 = "1111111111111111111111111111111111111111";
    private const string Sha2 = "2222222222222222222222222222222222222222";
    private readonly RecordingChanges changes = new();
    private readonly TestApp app;
    private HttpClient hooks = null!;
    private HttpClient usage = null!;

    public CorrelationTests() => app = GitHubTestApp.Create(s => s.AddSingletonChanges(changes));

    public async ValueTask InitializeAsync()
    {
        hooks = app.CreateClient();
        usage = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private Task<long?> PrOfAsync(string id) => app.QueryAsync<long?>("SELECT pr FROM usage_events WHERE event_id = @id", new { id });

    private async Task ReportAsync(Dictionary<string, object?> e)
    {
        var response = await usage.PostJsonAsync("/api/usage", e.With("repo", "acme/api").With("costUsd", 1.5));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Story_UsageByRunId_LandsOnThePrOfTheRun()
    {
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("opened", 42, Sha1, "feature/x"));
        await app.DeliverAndProcessAsync(hooks, "workflow_run", Payloads.WorkflowRun("completed", 5001, Sha1, "feature/x", [42]));
        await ReportAsync(Event("u1").With("runId", "5001"));
        await ReportAsync(Event("u2").With("runId", "9999"));

        Assert.Equal(42L, await PrOfAsync("u1"));
        Assert.Null(await PrOfAsync("u2"));
        Assert.Equal(1.5m, await app.QueryAsync<long>("SELECT SUM(cost_micros) FROM usage_events WHERE repo = 'acme/api' AND pr = 42") / 1_000_000m);
        var info = await app.Get<IPullRequestDirectory>().FindAsync("Acme/API", 42, TestContext.Current.CancellationToken);
        Assert.Equal(new PullRequest("acme/api", 42, 77, Sha1, "feature/x", "acme/api", "main", "open", false, null, "PR 42", "Codertocat",
            DateTimeOffset.Parse("2026-03-11T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()), info);
        Assert.Equal(77, await app.Get<IPullRequestDirectory>().InstallationForAsync("acme/api", TestContext.Current.CancellationToken));
        Assert.Contains(("acme/api", 42, "usage"), changes.Seen);
        var duration = await app.QueryAsync<long?>("SELECT duration_ms FROM workflow_runs WHERE run_id = '5001'");
        Assert.Equal(5 * 60_000L, duration);
    }

    [Theory]
    [InlineData("sha", Sha1, 44L)]
    [InlineData("sha", Sha2, null)]
    [InlineData("branch", "feature/known", 44L)]
    [InlineData("branch", "main", null)]
    [InlineData("runId", "1234", null)]
    public async Task UsageAfterThePr_IsBoundBySha_ThenByOpenBranch(string field, string value, long? expected)
    {
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("opened", 44, Sha1, "feature/known"));
        await ReportAsync(Event("u").With(field, value));
        Assert.Equal(expected, await PrOfAsync("u"));
    }

    [Fact]
    public async Task UsageBeforeThePr_IsAttributedWhenThePrAndRunAppear()
    {
        await ReportAsync(Event("by-run").With("runId", "6001"));
        await ReportAsync(Event("by-sha").With("sha", Sha2));
        await ReportAsync(Event("by-branch").With("branch", "feature/late"));
        await ReportAsync(Event("explicit").With("pr", 3).With("runId", "6001"));

        await app.DeliverAndProcessAsync(hooks, "workflow_run", Payloads.WorkflowRun("completed", 6001, Sha1, "feature/late", [43]));
        Assert.Equal(43L, await PrOfAsync("by-run"));
        Assert.Null(await PrOfAsync("by-sha"));

        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("opened", 43, Sha1, "feature/late"));
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("synchronize", 43, Sha2, "feature/late", updatedAt: "2026-03-11T11:00:00Z"));

        Assert.Equal(43L, await PrOfAsync("by-sha"));
        Assert.Equal(43L, await PrOfAsync("by-branch"));
        Assert.Equal(3L, await PrOfAsync("explicit"));
        Assert.Contains(changes.Seen, c => c is ("acme/api", 43, "usage-bound"));
        Assert.Contains(changes.Seen, c => c is ("acme/api", 43, "head-sha"));
    }

    [Fact]
    public async Task ForkPr_IsMatchedByHeadRepositoryAndBranch_InEitherOrder()
    {
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("opened", 50, Sha1, "patch-1", headRepo: "someone/api"));
        // Forks: pull_requests is empty, and the run's SHA may lag the PR head.
        await app.DeliverAndProcessAsync(hooks, "workflow_run", Payloads.WorkflowRun("completed", 7001, Sha2, "patch-1", [], headRepo: "someone/api"));
        await ReportAsync(Event("fork").With("runId", "7001"));
        Assert.Equal(50L, await PrOfAsync("fork"));

        await ReportAsync(Event("fork-early").With("runId", "7002"));
        await app.DeliverAndProcessAsync(hooks, "workflow_run", Payloads.WorkflowRun("completed", 7002, "3333333333333333333333333333333333333333", "patch-2", [], headRepo: "other/api"));
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("opened", 51, "4444444444444444444444444444444444444444", "patch-2", headRepo: "other/api"));
        Assert.Equal(51L, await PrOfAsync("fork-early"));
    }

    [Fact]
    public async Task ForkBranchNamedLikeTheBase_DoesNotClaimBaseBranchUsage()
    {
        await ReportAsync(Event("on-main").With("branch", "main"));
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("opened", 60, Sha1, "main", headRepo: "someone/api"));
        Assert.Null(await PrOfAsync("on-main"));
    }

    [Fact]
    public async Task RepeatedEvents_DoNotDoubleCountOrMoveStateBackwards()
    {
        var opened = Payloads.PullRequest("opened", 70, Sha1, "feature/m", updatedAt: "2026-03-11T10:00:00Z");
        var merged = Payloads.PullRequest("closed", 70, Sha2, "feature/m", updatedAt: "2026-03-11T12:00:00Z", state: "closed", merged: true);
        await app.DeliverAndProcessAsync(hooks, "pull_request", merged);
        await app.DeliverAndProcessAsync(hooks, "pull_request", opened);
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("edited", 70, Sha1, "feature/m", updatedAt: "2026-03-11T13:00:00Z"));
        await app.DeliverAndProcessAsync(hooks, "workflow_run", Payloads.WorkflowRun("completed", 8001, Sha2, "feature/m", [70], attempt: 2));
        await app.DeliverAndProcessAsync(hooks, "workflow_run", Payloads.WorkflowRun("in_progress", 8001, Sha2, "feature/m", [70], attempt: 1));
        await ReportAsync(Event("m1").With("runId", "8001"));
        await app.DeliverAndProcessAsync(hooks, "workflow_run", Payloads.WorkflowRun("completed", 8001, Sha2, "feature/m", [70], attempt: 2));

        var info = await app.Get<IPullRequestDirectory>().FindAsync("acme/api", 70, TestContext.Current.CancellationToken);
        Assert.NotNull(info);
        Assert.Equal(("closed", true), (info.State, info.Merged));
        Assert.Equal(2L, await app.QueryAsync<long>("SELECT COUNT(*) FROM pr_head_shas WHERE number = 70"));
        Assert.Equal((2L, "completed"), await app.QueryAsync<(long, string)>("SELECT run_attempt, status FROM workflow_runs WHERE run_id = '8001'"));
        Assert.Equal(1L, await app.QueryAsync<long>("SELECT COUNT(*) FROM usage_events WHERE pr = 70"));
        Assert.Equal(1.5m, (await usage.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));
    }

    [Fact]
    public async Task ClosedPr_OpensAgainOnlyThroughReopened()
    {
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("closed", 80, Sha1, "f", updatedAt: "2026-03-11T10:00:00Z", state: "closed"));
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("labeled", 80, Sha1, "f", updatedAt: "2026-03-11T10:30:00Z"));
        Assert.Equal("closed", (await app.Get<IPullRequestDirectory>().FindAsync("acme/api", 80, default))!.State);
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("reopened", 80, Sha1, "f", updatedAt: "2026-03-11T11:00:00Z"));
        Assert.Equal("open", (await app.Get<IPullRequestDirectory>().FindAsync("acme/api", 80, default))!.State);
    }
}
