using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.GitHub;

// GitHub (FakeGitHub) and Slack (FakeSlackApi) both configured, for the flows that start in a PR
// and end in Slack or back: acme/api belongs to team platform (channel C0PLATFORM, lead U0LEAD1);
// people maps octocat, lead-gh and founder-gh; the check's button asks for $300.
internal sealed class CommandHarness : IAsyncDisposable
{
    public const string Policy = """
        timezone: UTC
        teams:
          platform:
            repos: [acme/api]
            slackChannel: C0PLATFORM
            leads: [U0LEAD1]
        budgets:
          - id: platform
            scope: team:platform
            amountUsd: 5000
            period: "0 0 1 * *"
            thresholds: [50, 80, 100]
            enforcement: soft
          - id: review-agents
            scope: workflow:claude-review
            amountUsd: 100
            period: "0 0 1 * *"
            thresholds: [80, 100]
            enforcement: hard
        approvals:
          - upToUsd: 1000
            approvers: [leads]
          - upToUsd: 20000
            approvers: [founders]
        founders: [U0FOUNDER]
        prComments: { mode: update, minChangeUsd: 0.50, debounceSeconds: 0 }
        people:
          - { github: octocat, slack: U0OCTO }
          - { github: lead-gh, slack: U0LEAD1 }
          - { github: founder-gh, slack: U0FOUNDER }
        requests: { defaultUsd: 300 }
        """;

    public CommandHarness()
    {
        Slack = new FakeSlackApi();
        var slack = Slack;
        GitHub = new GitHubHarness(policy: Policy, extraSettings: new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackTestApp.Secret, ["Slack:BotToken"] = "xoxb-test", ["Slack:ApiBaseUrl"] = "http://slack.test/api/",
        }, services: s => s.AddHttpClient(BudgetBot.Slack.SlackApiClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => slack));
    }

    public GitHubHarness GitHub { get; }

    public FakeSlackApi Slack { get; }

    public TestApp App => GitHub.App;

    public FakeGitHub Fake => GitHub.Fake;

    // Reply comments, not the sticky cost comment (which carries its hidden marker).
    public IReadOnlyList<RecordedRequest> Replies => Fake.To(HttpMethod.Post, "/repos/acme/api/issues/42/comments")
        .Where(r => !r.Json().GetProperty("body").GetString()!.StartsWith(PrCommentRenderer.Marker, StringComparison.Ordinal)).ToList();

    public async Task StartAsync() => await GitHub.StartAsync();

    public Task<string> CommentAsync(string body, string login = "octocat", string association = "MEMBER", long commentId = 5001, string? delivery = null) =>
        DeliverAsync("issue_comment", CommandPayloads.Comment(body, login, association, commentId), delivery);

    // Signed with the harness's webhook secret, like GitHub signs; then the inbox and the outbox run.
    public async Task<string> DeliverAsync(string eventName, string payload, string? delivery = null)
    {
        delivery ??= Guid.NewGuid().ToString();
        var response = await SendAsync(eventName, payload, delivery);
        Assert.True(response.IsSuccessStatusCode, $"{eventName} answered {(int)response.StatusCode}");
        await App.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken);
        var (state, error) = await App.QueryAsync<(string, string?)>("SELECT state, last_error FROM github_inbox WHERE delivery_id = @delivery", new { delivery });
        Assert.True(state == "done", $"{eventName} delivery ended {state}: {error}");
        await App.DrainAsync();
        return delivery;
    }

    public Task<HttpResponseMessage> SendAsync(string eventName, string payload, string? delivery = null) =>
        GitHub.Client.DeliverAsync(eventName, payload, delivery, GitHubTestApp.Sign(payload, "test-secret"));

    public async Task ClickAsync(string user, string action, string request)
    {
        var response = await App.ClickAsync(user, action, request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await App.DrainAsync();
    }

    public Task<long> CountAsync(string sql) => App.QueryAsync<long>(sql);

    public ValueTask DisposeAsync() => GitHub.DisposeAsync();
}
