using System.Net;
using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.GitHub;

public sealed class GitHubCommentTests : IAsyncLifetime
{
    private readonly GitHubHarness gh = new();

    public async ValueTask InitializeAsync() => await gh.StartAsync();

    public async ValueTask DisposeAsync() => await gh.DisposeAsync();

    [Fact]
    public async Task UsageForAPr_CreatesExactlyOneCommentWithTheRenderedBody()
    {
        await gh.ReportAsync("e1", 2.00m);
        await gh.DrainAsync();

        var post = Assert.Single(gh.CommentPosts);
        Assert.Equal("https://api.github.com/repos/acme/api/issues/42/comments", post.Uri.ToString());
        var body = post.Json().GetProperty("body").GetString()!;
        var preview = await gh.Client.GetStringAsync("/api/pulls/acme/api/42/comment", TestContext.Current.CancellationToken);
        Assert.Equal(preview, body);
        Assert.StartsWith(PrCommentRenderer.Marker, body, StringComparison.Ordinal);
        Assert.Contains("$2.00", body, StringComparison.Ordinal);
        Assert.StartsWith("Bearer ghs_token", post.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal("2022-11-28", post.Headers["X-GitHub-Api-Version"]);
        Assert.Equal(1, gh.Fake.TokenRequests);
    }

    [Fact]
    public async Task Comment_NeverNamesWhoSpent()
    {
        var e = Event("by-octocat").With("costUsd", 3m).With("repo", "acme/api").With("pr", 42).With("workflow", "claude-review")
            .With("runId", "7001").With("actor", "octocat");
        var response = await gh.Client.PostJsonAsync("/api/usage", e);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await gh.DrainAsync();

        var body = Assert.Single(gh.CommentPosts).Json().GetProperty("body").GetString()!;
        Assert.Contains("$3.00", body, StringComparison.Ordinal);
        Assert.DoesNotContain("octocat", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TwentyConcurrentReports_ProduceExactlyOneComment()
    {
        var reports = Enumerable.Range(1, 20).Select(i => gh.ReportAsync($"c{i}", 1.00m, runId: $"run-{i}")).ToList();
        var drains = Enumerable.Range(0, 5).Select(_ => gh.DrainAsync()).ToList();
        await Task.WhenAll(reports);
        await Task.WhenAll(drains);
        await gh.DrainAsync();
        gh.Advance(TimeSpan.FromMinutes(1));
        await gh.DrainAsync();

        Assert.Single(gh.CommentPosts);
        var comment = Assert.Single(gh.Fake.Comments.Values);
        Assert.Contains("### Agent spend on this PR: $20.00", comment.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitThenServerErrors_DeliverTheCommentOnce()
    {
        gh.Fake.Script(HttpMethod.Post, "/issues/42/comments",
            () => FakeGitHub.Answer(HttpStatusCode.TooManyRequests, new { message = "slow down" }, ("Retry-After", "30")));
        gh.Fake.Script(HttpMethod.Post, "/issues/42/comments",
            () => FakeGitHub.Answer(HttpStatusCode.InternalServerError, new { message = "boom" }), times: 3);
        await gh.ReportAsync("e1", 2.00m);

        await gh.DrainAsync();
        gh.Advance(TimeSpan.FromSeconds(29));
        await gh.DrainAsync();
        Assert.Single(gh.CommentPosts);
        gh.Advance(TimeSpan.FromSeconds(1));
        await gh.DrainAsync();
        Assert.Equal(2, gh.CommentPosts.Count);
        for (var i = 0; i < 6; i++)
        {
            gh.Advance(TimeSpan.FromMinutes(10));
            await gh.DrainAsync();
        }

        Assert.Equal(5, gh.CommentPosts.Count);
        Assert.Single(gh.Fake.Comments.Values);
        Assert.Equal(("sent", null), await gh.LastOutboxAsync(GitHubOutbox.CommentKind));
    }

    [Fact]
    public async Task DeletedComment_IsRecreatedAndThenEdited()
    {
        await gh.ReportAsync("e1", 2.00m);
        await gh.DrainAsync();
        gh.Fake.Comments.Values.Single().Deleted = true;
        gh.Advance(TimeSpan.FromMinutes(1));
        await gh.ReportAsync("e2", 2.00m);
        await gh.DrainAsync();

        Assert.Single(gh.CommentPosts.Skip(1));
        Assert.Single(gh.CommentPatches);
        var live = Assert.Single(gh.Fake.Comments.Values, c => !c.Deleted);
        Assert.Contains("$4.00", live.Body, StringComparison.Ordinal);

        gh.Advance(TimeSpan.FromMinutes(1));
        await gh.ReportAsync("e3", 2.00m);
        await gh.DrainAsync();
        Assert.Equal(2, gh.CommentPosts.Count);
        Assert.EndsWith("/issues/comments/" + live.Id, gh.CommentPatches[^1].Path, StringComparison.Ordinal);
        Assert.Contains("$6.00", live.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_WaitsOutTheDebounce()
    {
        await gh.ReportAsync("e1", 2.00m);
        await gh.DrainAsync();
        gh.Advance(TimeSpan.FromSeconds(5));
        await gh.ReportAsync("e2", 2.00m);
        await gh.DrainAsync();
        gh.Advance(TimeSpan.FromSeconds(24));
        await gh.DrainAsync();
        Assert.Empty(gh.CommentPatches);

        gh.Advance(TimeSpan.FromSeconds(1));
        await gh.DrainAsync();
        Assert.Single(gh.CommentPatches);
        Assert.Single(gh.CommentPosts);
    }

    [Fact]
    public async Task ChangeUnderMinChangeUsd_IsSkippedUntilItAddsUp()
    {
        await gh.ReportAsync("e1", 2.00m);
        await gh.DrainAsync();
        gh.Advance(TimeSpan.FromMinutes(1));
        await gh.ReportAsync("e2", 0.10m);
        await gh.DrainAsync();
        Assert.Empty(gh.CommentPatches);
        Assert.Equal(("skipped", "change under minChangeUsd"), await gh.LastOutboxAsync(GitHubOutbox.CommentKind));

        await gh.ReportAsync("e3", 0.45m);
        await gh.DrainAsync();
        var patch = Assert.Single(gh.CommentPatches);
        Assert.Contains("$2.55", patch.Json().GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnchangedBody_IsSkipped()
    {
        await gh.ReportAsync("e1", 2.00m);
        await gh.DrainAsync();
        gh.Advance(TimeSpan.FromMinutes(1));
        await gh.ChangedAsync("synchronize");
        await gh.DrainAsync();

        Assert.Empty(gh.CommentPatches);
        Assert.Single(gh.CommentPosts);
        Assert.Equal(("skipped", "body unchanged"), await gh.LastOutboxAsync(GitHubOutbox.CommentKind));
    }

    [Fact]
    public async Task UpdateMode_FindsAnEarlierCommentByItsMarker()
    {
        gh.Fake.Comments[5] = new FakeComment(5, 42, "LGTM");
        gh.Fake.Comments[6] = new FakeComment(6, 42, PrCommentRenderer.Marker + "\nold figures");
        await gh.ReportAsync("e1", 2.00m);
        await gh.DrainAsync();

        Assert.Empty(gh.CommentPosts);
        Assert.EndsWith("/repos/acme/api/issues/comments/6", Assert.Single(gh.CommentPatches).Path, StringComparison.Ordinal);
        Assert.Equal("LGTM", gh.Fake.Comments[5].Body);
    }
}
