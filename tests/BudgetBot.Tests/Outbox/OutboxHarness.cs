using System.Net;
using System.Text;
using BudgetBot.GitHub;
using BudgetBot.Slack;
using BudgetBot.Storage;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Slack;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.Outbox;

// GitHubHarness (fake GitHub, acme/api#42 known) with Slack configured against FakeSlackApi, and a
// gate in front of GitHub that can hold every call until released (a hung GitHub).
internal sealed class OutboxHarness : IAsyncDisposable
{
    public OutboxHarness(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Slack:SigningSecret"] = SlackTestApp.Secret, ["Slack:BotToken"] = "xoxb-test", ["Slack:ApiBaseUrl"] = "http://slack.test/api/",
            ["Scheduling:Enabled"] = "false",
        };
        GitHub = new GitHubHarness(extraSettings: all, services: s =>
        {
            s.AddHttpClient(SlackApiClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Slack).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            s.AddHttpClient(GitHubHttp.HttpClientName).AddHttpMessageHandler(() => Gate);
        });
    }

    public GitHubHarness GitHub { get; }

    public FakeSlackApi Slack { get; } = new();

    public GitHubGate Gate { get; } = new();

    public static HttpResponseMessage Html() =>
        new(HttpStatusCode.OK) { Content = new StringContent("<html><body>Service temporarily unavailable</body></html>", Encoding.UTF8, "text/html") };

    public async Task<List<(long Id, string Channel, string Kind, string State, long Attempts, string? Error, string? Owner)>> RowsAsync()
    {
        await using var c = await GitHub.App.Get<Database>().OpenAsync(TestContext.Current.CancellationToken);
        return (await c.QueryAsync<(long, string, string, string, long, string?, string?)>(
            "SELECT id, channel, kind, state, attempts, last_error, lease_owner FROM outbox_messages ORDER BY id;")).ToList();
    }

    public ValueTask DisposeAsync()
    {
        Gate.Release();
        return GitHub.DisposeAsync();
    }
}

// Holds GitHub calls while closed: the call waits (as a hung connection would) until Release.
internal sealed class GitHubGate : DelegatingHandler
{
    private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool closed;

    public int Held { get; private set; }

    public void Close() => closed = true;

    public void Release() => open.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (closed)
        {
            Held++;
            await open.Task.WaitAsync(cancellationToken);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
