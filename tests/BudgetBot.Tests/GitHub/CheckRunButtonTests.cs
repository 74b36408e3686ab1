using System.Text.Json;
using BudgetBot.Tests.Slack;

namespace BudgetBot.Tests.GitHub;

// The check's "Request more budget" button: offered while the check fails or warns, and a press
// (check_run requested_action) files a request for requests.defaultUsd on the blocking budget.
public sealed class CheckRunButtonTests : IAsyncLifetime
{
    private readonly CommandHarness h = new();

    public async ValueTask InitializeAsync() => await h.StartAsync();

    public async ValueTask DisposeAsync()
    {
        GitHubRestDescription.AssertConforms(h.Fake.Requests);
        await h.DisposeAsync();
    }

    [Fact]
    public async Task AFailingCheck_CarriesTheButton_AndAPassingOneDoesNot()
    {
        await h.GitHub.ReportAsync("e1", 1.00m);
        await h.GitHub.DrainAsync();
        await h.GitHub.ReportAsync("e2", 150.00m);
        await h.GitHub.DrainAsync();

        var created = Assert.Single(h.Fake.To(HttpMethod.Post, "/repos/acme/api/check-runs")).Json();
        Assert.Equal(0, created.GetProperty("actions").GetArrayLength());
        var failed = Assert.Single(h.Fake.To(HttpMethod.Patch, "/repos/acme/api/check-runs/")).Json();
        var action = Assert.Single(failed.GetProperty("actions").EnumerateArray());
        Assert.Equal("Request more budget", action.GetProperty("label").GetString());
        Assert.Equal("request_budget", action.GetProperty("identifier").GetString());
        Assert.Equal("Ask for $300.00 more in Slack", action.GetProperty("description").GetString());
    }

    [Fact]
    public async Task ThePress_FilesTheDefaultAmountOnTheBlockingBudget_RepliesOnThePr_AndTheApprovalRerunsTheCheck()
    {
        await h.GitHub.ReportAsync("e1", 150.00m);
        await h.GitHub.DrainAsync();
        h.Fake.Permissions["octocat"] = "write";

        var delivery = await h.DeliverAsync("check_run", CommandPayloads.ButtonPress());
        await h.DeliverAsync("check_run", CommandPayloads.ButtonPress(), delivery);

        Assert.Single(h.Fake.To(HttpMethod.Get, "/repos/acme/api/collaborators/octocat/permission"));
        var card = FakeSlackApi.Raw(Assert.Single(h.Slack.Bodies("chat.postMessage")));
        Assert.Contains("+$300.00* on *review-agents*", card, StringComparison.Ordinal);
        Assert.Contains("More budget for https://github.com/acme/api/pull/42 (the check run's button)", card, StringComparison.Ordinal);
        Assert.Equal("@octocat request **BR-1** (+$300.00 on `review-agents`) is posted in the team's Slack channel; @founder-gh can decide it " +
            "within 72 h. The decision will be posted here.", Assert.Single(h.Replies).Json().GetProperty("body").GetString());
        Assert.Empty(h.Fake.Reactions);

        await h.ClickAsync("U0FOUNDER", "budget_approve", "BR-1");

        Assert.Equal("@octocat BR-1 approved by @founder-gh: +$300.00 on `review-agents` until Apr 1.", h.Replies[^1].Json().GetProperty("body").GetString());
        Assert.Equal("success", h.Fake.To(HttpMethod.Patch, "/repos/acme/api/check-runs/")[^1].Json().GetProperty("conclusion").GetString());
    }

    [Fact]
    public async Task APressWithoutWriteAccess_IsRefusedOnThePr()
    {
        await h.DeliverAsync("check_run", CommandPayloads.ButtonPress(login: "outsider"));

        Assert.Single(h.Fake.To(HttpMethod.Get, "/collaborators/outsider/permission"));
        Assert.StartsWith("@outsider requests need write access", Assert.Single(h.Replies).Json().GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM slack_requests"));
    }

    [Fact]
    public async Task OtherButtons_AndBots_AreIgnored()
    {
        await h.DeliverAsync("check_run", CommandPayloads.ButtonPress(identifier: "lgtm|26764"));
        await h.DeliverAsync("check_run", CommandPayloads.ButtonPress(login: "budgetbot[bot]", userType: "Bot"));
        await h.DeliverAsync("check_run", Payloads.Fixture("check_run/requested_action.payload.json"));

        Assert.Empty(h.Fake.Requests);
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM github_commands"));
    }
}

// The REST check itself can fail: it is only worth running if a departure from the description is caught.
public sealed class GitHubRestDescriptionTests
{
    private static RecordedRequest Post(string path, object body) =>
        new(HttpMethod.Post, new Uri("https://api.github.com" + path), new Dictionary<string, string>(), JsonSerializer.Serialize(body));

    [Fact]
    public void AReactionGitHubDoesNotHave_AFieldItDoesNotTake_AndAnUnknownPath_AreProblems()
    {
        Assert.Empty(GitHubRestDescription.Problems(Post("/repos/acme/api/issues/comments/5/reactions", new { content = "eyes" })));
        Assert.Single(GitHubRestDescription.Problems(Post("/repos/acme/api/issues/comments/5/reactions", new { content = "thumbsup" })));
        Assert.Single(GitHubRestDescription.Problems(Post("/repos/acme/api/issues/42/comments", new { body = "x", text = "y" })));
        Assert.Single(GitHubRestDescription.Problems(Post("/repos/acme/api/issues/42/comments", new { text = "y" })), p => p.Contains("lacks required body", StringComparison.Ordinal));
        Assert.Single(GitHubRestDescription.Problems(Post("/repos/acme/api/pulls/42/reactions", new { content = "eyes" })));
        Assert.Single(GitHubRestDescription.Problems(Post("/repos/acme/api/check-runs", new
        {
            name = "n", head_sha = "s", actions = new[] { new { label = "Request more budget, please, now", description = "d", identifier = "i" } },
        })));
    }
}
