namespace BudgetBot.Tests.GitHub;

// What a /budget comment must not do: act on an issue, a repository no team owns, a bad amount or an
// unknown budget (a reply says so, nothing is created); act twice on one delivery or one comment;
// answer a bot, an edit or a deletion; file more than one pending request for a burst of comments.
public sealed class PrCommandInputTests : IAsyncLifetime
{
    private readonly CommandHarness h = new();

    public async ValueTask InitializeAsync() => await h.StartAsync();

    public async ValueTask DisposeAsync()
    {
        GitHubRestDescription.AssertConforms(h.Fake.Requests);
        await h.DisposeAsync();
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "/budget request abc because", "`abc` is not an amount: use dollars like `1500`, `$1,500` or `1.5k`" },
        { "/budget request 0 because", "`0` is not an amount" },
        { "/budget request 300 for nosuch because", "There is no budget or team `nosuch`, so no request was filed. Budgets: `platform`, `review-agents`." },
        { "/budget request 300", "Say why you need it" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task ABadRequest_IsAnsweredWithWhy_AndCreatesNothing(string comment, string expected)
    {
        await h.CommentAsync(comment, association: "OWNER");

        Assert.Contains(expected, Assert.Single(h.Replies).Json().GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal([(5001L, "eyes"), (5001L, "confused")], h.Fake.Reactions.ToArray());
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM slack_requests"));
        Assert.Empty(h.Slack.Bodies("chat.postMessage"));
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM github_commands WHERE open_key IS NOT NULL"));
    }

    [Fact]
    public async Task ACommandOnAnIssue_IsAnsweredThatItWorksOnPullRequestsOnly()
    {
        await h.DeliverAsync("issue_comment", CommandPayloads.Comment("/budget request 300 for platform x", association: "OWNER", onPullRequest: false));

        Assert.Equal("`/budget` commands work on pull requests only; this is an issue, so nothing was done.",
            Assert.Single(h.Replies).Json().GetProperty("body").GetString());
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM slack_requests"));
    }

    [Fact]
    public async Task ARequestInARepositoryNoTeamOwns_IsAnsweredSo()
    {
        await h.DeliverAsync("issue_comment", CommandPayloads.Comment("/budget request 300 for platform x", association: "OWNER", repo: "acme/orphan", number: 7));

        var reply = Assert.Single(h.Fake.To(HttpMethod.Post, "/repos/acme/orphan/issues/7/comments")).Json().GetProperty("body").GetString();
        Assert.StartsWith("No team in the budget policy owns `acme/orphan`, so no request was filed.", reply, StringComparison.Ordinal);
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM slack_requests"));
    }

    [Fact]
    public async Task TheSameDelivery_Redelivered_AndTheSameComment_InANewDelivery_DoNothingTheSecondTime()
    {
        var delivery = await h.CommentAsync("/budget request 300 for platform more", association: "OWNER");
        await h.CommentAsync("/budget request 300 for platform more", association: "OWNER", delivery: delivery);
        await h.CommentAsync("/budget request 300 for platform more", association: "OWNER");

        Assert.Single(h.Replies);
        Assert.Equal(2, h.Fake.Reactions.Count);
        Assert.Equal(1, await h.CountAsync("SELECT COUNT(*) FROM slack_requests"));
        Assert.Single(h.Slack.Bodies("chat.postMessage"));
    }

    [Theory]
    [InlineData("budgetbot[bot]", "Bot")]
    [InlineData("dependabot[bot]", "Bot")]
    [InlineData("renovate", "Bot")]
    public async Task CommentsByBots_AreIgnored(string login, string type)
    {
        await h.DeliverAsync("issue_comment", CommandPayloads.Comment("/budget status", login: login, association: "NONE", userType: type));

        Assert.DoesNotContain(h.Fake.Requests, r => !r.Path.EndsWith("/access_tokens", StringComparison.Ordinal));
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM github_commands"));
    }

    [Theory]
    [InlineData("edited", "/budget status")]
    [InlineData("deleted", "/budget status")]
    [InlineData("created", "Looks good; /budget is fine")]
    [InlineData("created", "/budgeting is hard")]
    public async Task EditsDeletionsAndOrdinaryComments_DoNothing(string action, string body)
    {
        await h.DeliverAsync("issue_comment", CommandPayloads.Comment(body, action: action));

        Assert.Empty(h.Fake.Requests);
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM github_commands"));
    }

    [Fact]
    public async Task TwentyIdenticalRequestsInAMinute_FileOne_AndTheOthersLinkIt()
    {
        for (var i = 0; i < 20; i++)
        {
            var response = await h.SendAsync("issue_comment",
                CommandPayloads.Comment("/budget request 300 for platform more runs", association: "OWNER", commentId: 7000 + i));
            Assert.True(response.IsSuccessStatusCode);
            h.GitHub.Advance(TimeSpan.FromSeconds(2));
        }
        await h.App.Get<BudgetBot.GitHub.InboxWorker>().DrainAsync(TestContext.Current.CancellationToken);
        await BudgetBot.Tests.Slack.SlackTestApp.DrainAsync(h.App);

        Assert.Equal(1, await h.CountAsync("SELECT COUNT(*) FROM slack_requests"));
        Assert.Single(h.Slack.Bodies("chat.postMessage"));
        var bodies = h.Replies.Select(r => r.Json().GetProperty("body").GetString()!).ToList();
        Assert.Equal(20, bodies.Count);
        Assert.Single(bodies, b => b.Contains("request **BR-1**", StringComparison.Ordinal));
        Assert.Equal(19, bodies.Count(b => b.StartsWith("@octocat you already have a pending request BR-1 on this pull request ([asked here](https://github.com/acme/api/pull/42#issuecomment-7000))", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task OnceDecided_TheSameUserMayAskAgainOnThePr()
    {
        await h.CommentAsync("/budget request 300 for platform more", association: "OWNER", commentId: 1);
        await h.ClickAsync("U0LEAD1", "budget_approve", "BR-1");
        await h.CommentAsync("/budget request 200 for platform still more", association: "OWNER", commentId: 2);

        Assert.Equal(2, await h.CountAsync("SELECT COUNT(*) FROM slack_requests"));
        Assert.Contains("request **BR-2**", h.Replies[^1].Json().GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredRequest_IsToldOnThePr_AndFreesTheUserToAskAgain()
    {
        await h.CommentAsync("/budget request 300 for platform more", association: "OWNER", commentId: 1);
        h.GitHub.Advance(TimeSpan.FromHours(73));
        await h.App.Get<BudgetBot.Slack.RequestExpiryJob>().RunAsync(h.App.Clock.GetUtcNow(), TestContext.Current.CancellationToken);
        await BudgetBot.Tests.Slack.SlackTestApp.DrainAsync(h.App);

        Assert.Equal("@octocat BR-1 expired after 72 h without a decision. Ask again with `/budget request` if you still need it.",
            h.Replies[^1].Json().GetProperty("body").GetString());
        await h.CommentAsync("/budget request 300 for platform more", association: "OWNER", commentId: 2);
        Assert.Contains("request **BR-2**", h.Replies[^1].Json().GetProperty("body").GetString(), StringComparison.Ordinal);
    }
}
