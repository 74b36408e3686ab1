using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.GitHub;

public sealed class GitHubCommentModeTests
{
    private static string Policy(string mode) => TestPolicy.Default.Replace("mode: update", "mode: " + mode, StringComparison.Ordinal);

    // Usage for one PR, then more after the debounce: the second write is where the modes differ.
    private static async Task<GitHubHarness> TwoReportsAsync(string mode)
    {
        var gh = new GitHubHarness(policy: Policy(mode));
        await gh.StartAsync();
        await gh.ReportAsync("e1", 2.00m);
        await gh.DrainAsync();
        gh.Advance(TimeSpan.FromMinutes(1));
        await gh.ReportAsync("e2", 2.00m);
        await gh.DrainAsync();
        return gh;
    }

    [Fact]
    public async Task HideAndNew_MinimizesTheOldCommentAsOutdated_ThenPostsANewOne()
    {
        await using var gh = await TwoReportsAsync("hide-and-new");

        var graphql = Assert.Single(gh.Fake.To(HttpMethod.Post, "/graphql"));
        Assert.Equal("https://api.github.com/graphql", graphql.Uri.ToString());
        Assert.Contains("classifier: OUTDATED", graphql.Json().GetProperty("query").GetString(), StringComparison.Ordinal);
        var comments = gh.Fake.Comments.Values.OrderBy(c => c.Id).ToList();
        Assert.Equal(2, comments.Count);
        Assert.Equal(comments[0].NodeId, graphql.Json().GetProperty("variables").GetProperty("id").GetString());
        Assert.True(comments[0].Minimized);
        Assert.False(comments[1].Minimized);
        Assert.Empty(gh.CommentPatches);
    }

    [Fact]
    public async Task New_PostsAFreshCommentEachTime()
    {
        await using var gh = await TwoReportsAsync("new");

        Assert.Equal(2, gh.CommentPosts.Count);
        Assert.Empty(gh.Fake.To(HttpMethod.Post, "/graphql"));
    }

    [Fact]
    public async Task Off_WritesNoComment_ButStillSetsTheCheck()
    {
        await using var gh = new GitHubHarness(policy: Policy("off"));
        await gh.StartAsync();
        await gh.ReportAsync("e1", 2.00m);
        await gh.DrainAsync();

        Assert.Empty(gh.CommentPosts);
        Assert.Single(gh.Fake.To(HttpMethod.Post, "/check-runs"));
    }
}
