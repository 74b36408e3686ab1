using BudgetBot.Tests.Slack;

namespace BudgetBot.Tests.GitHub;

// /budget in a PR comment, end to end: a signed issue_comment delivery through the webhook and the
// inbox, the outbox to FakeGitHub and FakeSlackApi, and a Slack click back to the PR. Every request
// sent to GitHub is checked against GitHub's REST description at the end of each test.
public sealed class PrCommandTests : IAsyncLifetime
{
    private readonly CommandHarness h = new();

    public async ValueTask InitializeAsync() => await h.StartAsync();

    public async ValueTask DisposeAsync()
    {
        GitHubRestDescription.AssertConforms(h.Fake.Requests);
        await h.DisposeAsync();
    }

    [Fact]
    public async Task Status_RepliesWithTheSpendAndBudgets_BetweenEyesAndThumbsUp()
    {
        await h.GitHub.ReportAsync("e1", 12.00m);
        await h.GitHub.DrainAsync();

        await h.CommentAsync("/budget", login: "passer-by", association: "NONE");

        var reply = Assert.Single(h.Replies).Json().GetProperty("body").GetString()!;
        Assert.Contains("**Budget status of acme/api#42** · team `platform`", reply, StringComparison.Ordinal);
        Assert.Contains("Spent on this PR: **$12.00** in 1 event; next run ≈ $12.00 (mean of 1 run).", reply, StringComparison.Ordinal);
        Assert.Contains("| `platform` | soft |", reply, StringComparison.Ordinal);
        Assert.Contains("| `review-agents` | hard |", reply, StringComparison.Ordinal);
        Assert.Equal([(5001L, "eyes"), (5001L, "+1")], h.Fake.Reactions.ToArray());
        var order = h.Fake.Requests.Where(r => r.Path.EndsWith("/reactions", StringComparison.Ordinal) || h.Replies.Contains(r))
            .Select(r => r.Path.EndsWith("/reactions", StringComparison.Ordinal) ? r.Json().GetProperty("content").GetString() : "reply").ToList();
        Assert.Equal(["eyes", "reply", "+1"], order);
        Assert.Empty(h.Fake.To(HttpMethod.Get, "/permission"));
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM slack_requests"));
    }

    [Fact]
    public async Task Help_AndAnUnknownVerb_GetShortReplies()
    {
        await h.CommentAsync("/budget help", commentId: 1);
        await h.CommentAsync("/budget frobnicate now", commentId: 2);
        await h.CommentAsync("/budget experiment 500 7d try-o3", commentId: 3);

        var bodies = h.Replies.Select(r => r.Json().GetProperty("body").GetString()!).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.StartsWith("**`/budget` commands on a pull request**", bodies[0], StringComparison.Ordinal);
        Assert.StartsWith("I don't know `frobnicate`.", bodies[1], StringComparison.Ordinal);
        Assert.StartsWith("`/budget experiment` works in Slack only.", bodies[2], StringComparison.Ordinal);
        Assert.Equal([(1L, "eyes"), (1L, "+1"), (2L, "eyes"), (2L, "confused"), (3L, "eyes"), (3L, "confused")], h.Fake.Reactions.ToArray());
    }

    [Fact]
    public async Task Request_PostsTheCardToTheTeamChannel_AndTheApprovalRepliesOnThePr_AndRerunsTheCheck()
    {
        await h.GitHub.ReportAsync("e1", 150.00m);
        await h.GitHub.DrainAsync();
        var failed = Assert.Single(h.Fake.To(HttpMethod.Post, "/repos/acme/api/check-runs")).Json();
        Assert.Equal("failure", failed.GetProperty("conclusion").GetString());
        h.Fake.Permissions["octocat"] = "write";

        await h.CommentAsync("/budget request $300 for review-agents the eval suite needs another pass", association: "MEMBER");

        Assert.Single(h.Fake.To(HttpMethod.Get, "/repos/acme/api/collaborators/octocat/permission"));
        var card = Assert.Single(h.Slack.Bodies("chat.postMessage"));
        Assert.Equal("C0PLATFORM", card["channel"]!.GetValue<string>());
        var cardText = FakeSlackApi.Raw(card);
        Assert.Contains("Budget request BR-1", cardText, StringComparison.Ordinal);
        Assert.Contains("<@U0OCTO>", cardText, StringComparison.Ordinal);
        Assert.Contains("https://github.com/acme/api/pull/42", cardText, StringComparison.Ordinal);
        var filed = Assert.Single(h.Replies).Json().GetProperty("body").GetString();
        Assert.Equal("@octocat request **BR-1** (+$300.00 on `review-agents`) is posted in the team's Slack channel; @founder-gh can decide it " +
            "within 72 h. The decision will be posted here.", filed);

        await h.ClickAsync("U0FOUNDER", "budget_approve", "BR-1");

        Assert.Equal(2, h.Replies.Count);
        Assert.Equal("@octocat BR-1 approved by @founder-gh: +$300.00 on `review-agents` until Apr 1.", h.Replies[1].Json().GetProperty("body").GetString());
        var rerun = h.Fake.To(HttpMethod.Patch, "/repos/acme/api/check-runs/");
        Assert.Equal("success", Assert.Single(rerun).Json().GetProperty("conclusion").GetString());
        Assert.Equal(0, rerun[0].Json().GetProperty("actions").GetArrayLength());
        Assert.Equal("approved", await h.App.QueryAsync<string>("SELECT state FROM slack_requests WHERE id = 1"));
    }

    [Fact]
    public async Task Request_WithoutWriteAccess_IsRefused_AndFilesNothing()
    {
        h.Fake.Permissions["reader"] = "read";

        await h.CommentAsync("/budget request 300 for platform more runs", login: "reader", association: "CONTRIBUTOR", commentId: 1);
        await h.CommentAsync("/budget request 300 for platform more runs", login: "drive-by", association: "NONE", commentId: 2);

        Assert.Single(h.Fake.To(HttpMethod.Get, "/collaborators/reader/permission"));
        Assert.Empty(h.Fake.To(HttpMethod.Get, "/collaborators/drive-by/permission"));
        var bodies = h.Replies.Select(r => r.Json().GetProperty("body").GetString()).ToList();
        Assert.Equal(["@reader requests need write access to `acme/api`, so no request was filed. `/budget status` is open to everyone.",
            "@drive-by requests need write access to `acme/api`, so no request was filed. `/budget status` is open to everyone."], bodies);
        Assert.Equal([(1L, "eyes"), (1L, "confused"), (2L, "eyes"), (2L, "confused")], h.Fake.Reactions.ToArray());
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM slack_requests"));
        Assert.Empty(h.Slack.Bodies("chat.postMessage"));
    }

    [Fact]
    public async Task NobodyDecidesTheirOwnRequest_AcrossGitHubAndSlack()
    {
        // lead-gh is U0LEAD1 in Slack: the leads tier names nobody else, so founders decide, and the
        // lead's own click in Slack is refused.
        await h.CommentAsync("/budget request 300 for platform a bigger eval run", login: "lead-gh", association: "OWNER");
        Assert.Empty(h.Fake.To(HttpMethod.Get, "/permission"));
        Assert.Contains("@founder-gh can decide it", h.Replies[0].Json().GetProperty("body").GetString(), StringComparison.Ordinal);

        await h.ClickAsync("U0LEAD1", "budget_approve", "BR-1");

        var refusal = Assert.Single(h.Slack.Bodies("chat.postEphemeral"));
        Assert.Equal("You asked for BR-1, so someone else has to decide it.", refusal["text"]!.GetValue<string>());
        Assert.Equal("pending", await h.App.QueryAsync<string>("SELECT state FROM slack_requests WHERE id = 1"));
        Assert.Single(h.Replies);

        await h.ClickAsync("U0FOUNDER", "budget_approve", "BR-1");
        Assert.Equal("@lead-gh BR-1 approved by @founder-gh: +$300.00 on `platform` until Apr 1.", h.Replies[^1].Json().GetProperty("body").GetString());
    }

    [Fact]
    public async Task AnUnmappedRequester_IsAllowed_AndMarkedOnTheCard_AndGetsNoSlackMessage()
    {
        h.Fake.Permissions["newcomer"] = "write";

        await h.CommentAsync("/budget request 250 for platform onboarding runs", login: "newcomer", association: "COLLABORATOR");

        var card = FakeSlackApi.Raw(Assert.Single(h.Slack.Bodies("chat.postMessage")));
        Assert.Contains("from GitHub @newcomer (not mapped to Slack)", card, StringComparison.Ordinal);
        Assert.Contains("not mapped to a Slack user", h.Replies[0].Json().GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("github:newcomer", await h.App.QueryAsync<string>("SELECT requester FROM slack_requests WHERE id = 1"));

        await h.ClickAsync("U0LEAD1", "budget_approve", "BR-1");

        Assert.Single(h.Slack.Bodies("chat.postMessage"));
        Assert.Equal("@newcomer BR-1 approved by @lead-gh: +$250.00 on `platform` until Apr 1.", h.Replies[^1].Json().GetProperty("body").GetString());
    }

    [Fact]
    public async Task ADenial_IsRepliedOnThePr_WithTheReason()
    {
        await h.CommentAsync("/budget request 300 for platform more", association: "OWNER");
        var response = await h.App.SubmitDenyAsync("U0LEAD1", "BR-1||", "Use the cached suite first");
        Assert.True(response.IsSuccessStatusCode);
        await h.App.DrainAsync();

        Assert.Equal("@octocat BR-1 denied by @lead-gh:\n\n> Use the cached suite first", h.Replies[^1].Json().GetProperty("body").GetString());
        Assert.Empty(h.Fake.To(HttpMethod.Patch, "/check-runs/"));
    }
}
