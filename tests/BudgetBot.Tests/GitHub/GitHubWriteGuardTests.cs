using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Tests.GitHub;

// What GitHub writes BudgetBot may make, through the real outbox against FakeGitHub: only to PRs a
// webhook announced, a check only when there is spend to report and never on a closed PR, and one
// check per SHA even after a crash lost BudgetBot's record of it.
public sealed class GitHubWriteGuardTests : IAsyncLifetime
{
    private readonly GitHubHarness gh = new();

    public async ValueTask InitializeAsync() => await gh.StartAsync();

    public async ValueTask DisposeAsync() => await gh.DisposeAsync();

    private IReadOnlyList<RecordedRequest> CheckCreates => gh.Fake.To(HttpMethod.Post, "/repos/acme/api/check-runs");

    [Fact]
    public async Task UsageNamingAPullRequestNoWebhookAnnounced_ReachesNoGitHubEndpoint_UntilThePullRequestIsKnown()
    {
        await gh.ReportAsync("stranger-1", 3.00m, pr: 77);
        await gh.DrainAsync();

        Assert.Empty(gh.Fake.Requests);
        Assert.Equal(1L, await PrOfUsageAsync("stranger-1", 77));

        // The webhook that makes #77 known schedules the refresh, and the comment waiting for it is written.
        gh.Directory.Add("acme/api", 77, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        await gh.App.Get<BudgetBot.GitHub.PullRequestRefresh>().PullRequestsChangedAsync(
            [new BudgetBot.GitHub.PullRequestChange("acme/api", 77, "opened", true)], TestContext.Current.CancellationToken);
        await gh.DrainAsync();
        Assert.Single(gh.Fake.To(HttpMethod.Post, "/issues/77/comments"));
    }

    [Fact]
    public async Task APullRequestWithoutUsage_GetsNoCheck()
    {
        await gh.ChangedAsync("opened");
        await gh.DrainAsync();

        Assert.Empty(CheckCreates);
        Assert.Equal(("skipped", "no usage and no budget past a threshold"), await gh.LastOutboxAsync(BudgetBot.GitHub.GitHubOutbox.CheckKind));
    }

    [Fact]
    public async Task AClosedPullRequest_GetsNoCheck_EvenWithUsage()
    {
        gh.Directory.Add("acme/api", 42, GitHubHarness.HeadSha, merged: true);
        await gh.ReportAsync("closed-1", 2.00m);
        await gh.DrainAsync();

        Assert.Empty(CheckCreates);
    }

    [Fact]
    public async Task ACheckCreatedBeforeACrash_IsFoundByItsExternalId_NotCreatedTwice()
    {
        await gh.ReportAsync("c-1", 1.00m);
        await gh.DrainAsync();
        var first = Assert.Single(CheckCreates);
        Assert.Equal($"42:{GitHubHarness.HeadSha}", first.Json().GetProperty("external_id").GetString());
        // The crash: GitHub created the check, BudgetBot's record of it never committed.
        await using (var c = await gh.App.Get<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            await c.ExecuteAsync("DELETE FROM github_check_runs;");
        }

        await gh.ReportAsync("c-2", 150.00m);
        await gh.DrainAsync();

        Assert.Single(CheckCreates);
        // Looked up before the first create and again once BudgetBot's record was gone.
        var lookups = gh.Fake.To(HttpMethod.Get, $"/commits/{GitHubHarness.HeadSha}/check-runs");
        Assert.Equal(2, lookups.Count);
        Assert.Contains("check_name=BudgetBot / budget", Uri.UnescapeDataString(lookups[^1].Uri.Query), StringComparison.Ordinal);
        var id = Assert.Single(gh.Fake.CheckRuns).Key;
        Assert.Equal("failure", Assert.Single(gh.Fake.To(HttpMethod.Patch, $"/check-runs/{id}")).Json().GetProperty("conclusion").GetString());
        GitHubRestDescription.AssertConforms(gh.Fake.Requests);
    }

    private async Task<long> PrOfUsageAsync(string id, int pr)
    {
        await using var c = await gh.App.Get<Database>().OpenAsync(TestContext.Current.CancellationToken);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM usage_events WHERE event_id = @Id AND pr = @Pr;", new { Id = id, Pr = pr });
    }
}
