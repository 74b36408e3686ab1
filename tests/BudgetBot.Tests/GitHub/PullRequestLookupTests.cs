using System.Text.Json.Nodes;
using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.GitHub;

// Issue 15, item 1, second half: usage naming a PR no webhook announced, in a repository an
// installation covers (its `installation` webhook named it), is verified once through
// GET /repos/{o}/{r}/pulls/{n} and then gets its comment; a number that is no PR is asked about
// once; a repository no installation covers gets no request at all; lookups are rate-bound.
public sealed class PullRequestLookupTests : IAsyncLifetime
{
    private const string WebhookSecret = "test-secret";
    private GitHubHarness gh = new(fakeDirectory: false);

    public async ValueTask InitializeAsync() => await StartAsync(gh);

    public async ValueTask DisposeAsync() => await gh.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IReadOnlyList<RecordedRequest> Lookups(int number) => gh.Fake.To(HttpMethod.Get, $"/repos/acme/api/pulls/{number}");

    [Fact]
    public async Task UsageNamingAnUnannouncedPullRequestOfACoveredRepository_IsVerifiedOnce_ThenCommented()
    {
        gh.Fake.Pulls[("acme/api", 77)] = "cccccccccccccccccccccccccccccccccccccccc";
        await gh.ReportAsync("v-1", 3.00m, pr: 77);
        await gh.DrainAsync();

        var lookup = Assert.Single(Lookups(77));
        Assert.StartsWith("Bearer ghs_token", lookup.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("$3.00", Assert.Single(gh.Fake.To(HttpMethod.Post, "/issues/77/comments")).Json().GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("cccccccccccccccccccccccccccccccccccccccc", Assert.Single(gh.Fake.CheckRuns.Values).Sha);

        // Known now, like a webhook had announced it: more usage asks GitHub nothing more about it.
        gh.Advance(TimeSpan.FromMinutes(1));
        await gh.ReportAsync("v-2", 2.00m, pr: 77);
        await gh.DrainAsync();
        Assert.Single(Lookups(77));
        Assert.Contains("$5.00", Assert.Single(gh.Fake.Comments.Values).Body, StringComparison.Ordinal);
        GitHubRestDescription.AssertConforms(gh.Fake.Requests);
    }

    [Fact]
    public async Task UsageNamingANumberThatIsNoPullRequest_IsLookedUpOnce_AndNothingIsWritten()
    {
        await gh.ReportAsync("n-1", 3.00m, pr: 88);
        await gh.DrainAsync();
        gh.Advance(TimeSpan.FromMinutes(1));
        await gh.ReportAsync("n-2", 4.00m, pr: 88);
        await gh.DrainAsync();

        Assert.Single(Lookups(88));
        // Besides the lookup, only its installation token was asked for: no comment, no check run.
        Assert.Equal(["GET /repos/acme/api/pulls/88", "POST /app/installations/99/access_tokens"],
            gh.Fake.Requests.Select(r => $"{r.Method} {r.Path}").Order(StringComparer.Ordinal));
        var (state, why) = await gh.LastOutboxAsync(GitHubOutbox.CommentKind);
        Assert.Equal("skipped", state);
        Assert.Contains("acme/api#88 is not a pull request", why, StringComparison.Ordinal);
        GitHubRestDescription.AssertConforms(gh.Fake.Requests);
    }

    [Fact]
    public async Task UsageNamingAPullRequestOfARepositoryNoInstallationCovers_SendsNoRequest()
    {
        gh.Fake.Pulls[("acme/payments-api", 5)] = "dddddddddddddddddddddddddddddddddddddddd";
        var e = UsageEvents.Event("u-1").With("costUsd", 3.00m).With("repo", "acme/payments-api").With("pr", 5);
        Assert.True((await gh.Client.PostJsonAsync("/api/usage", e)).IsSuccessStatusCode);
        await gh.DrainAsync();

        Assert.Empty(gh.Fake.Requests);
        Assert.Equal(("skipped", PullRequestLookup.Unannounced), await gh.LastOutboxAsync(GitHubOutbox.CommentKind));
    }

    [Fact]
    public async Task Lookups_AreRateBound_TheRestWaitWithoutAnAttempt()
    {
        await gh.DisposeAsync();
        gh = new GitHubHarness(fakeDirectory: false, extraSettings: new Dictionary<string, string?> { ["GitHub:PullRequestLookupsPerMinute"] = "1" });
        await StartAsync(gh);
        await gh.ReportAsync("r-1", 1.00m, pr: 90);
        await gh.ReportAsync("r-2", 1.00m, pr: 91);
        await gh.DrainAsync();

        Assert.Single(gh.Fake.To(HttpMethod.Get, "/pulls/"));
        var waiting = await gh.App.QueryListAsync<(string Target, long Attempts)>(
            "SELECT target, attempts FROM outbox_messages WHERE state = 'pending' AND last_error LIKE 'pull request lookups are limited%';");
        Assert.NotEmpty(waiting);
        Assert.All(waiting, w => Assert.Equal(0L, w.Attempts));

        gh.Advance(TimeSpan.FromMinutes(1));
        await gh.DrainAsync();
        Assert.Equal(2, gh.Fake.To(HttpMethod.Get, "/pulls/").Count);
        Assert.Equal(["/repos/acme/api/pulls/90", "/repos/acme/api/pulls/91"], gh.Fake.To(HttpMethod.Get, "/pulls/").Select(r => r.Path).Order());
    }

    // acme/api is covered: the App's installation webhook named it (signed, through the inbox).
    private static async Task StartAsync(GitHubHarness harness)
    {
        await harness.StartAsync();
        var body = Payloads.Node("installation/created.payload.json");
        body["installation"]!["id"] = harness.Fake.InstallationId;
        body["repositories"] = new JsonArray(new JsonObject { ["id"] = 1, ["name"] = "api", ["full_name"] = "acme/api", ["private"] = true });
        var text = body.ToJsonString();
        using var client = harness.App.CreateClient();
        Assert.True((await client.DeliverAsync("installation", text, signature: GitHubTestApp.Sign(text, WebhookSecret))).IsSuccessStatusCode);
        await harness.App.Services.GetRequiredService<InboxWorker>().DrainAsync(Ct);
        Assert.Equal(1L, await harness.App.QueryAsync<long>("SELECT COUNT(*) FROM github_repositories WHERE repo = 'acme/api' AND active = 1;"));
    }
}
