using System.Security.Cryptography;
using BudgetBot.Auth;
using BudgetBot.GitHub;
using BudgetBot.Outbox;
using BudgetBot.Storage;
using Dapper;
using BudgetBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.GitHub;

// The service with GitHub configured against FakeGitHub, a fake correlation index holding
// acme/api#42 (or, with fakeDirectory false, the real one), and the outbox worker stopped so each
// test drains it when it chooses.
internal sealed class GitHubHarness : IAsyncDisposable
{
    public const string HeadSha = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private HttpClient? ingest;

    public GitHubHarness(
        bool configured = true, string? apiBaseUrl = null, string? policy = null, Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? extraSettings = null, bool fakeDirectory = true)
    {
        Key = RSA.Create(2048);
        var settings = new Dictionary<string, string?>(extraSettings ?? new Dictionary<string, string?>());
        if (configured)
        {
            settings["GitHub:AppId"] = "123";
            settings["GitHub:PrivateKey"] = Key.ExportRSAPrivateKeyPem();
            settings["GitHub:WebhookSecret"] = "test-secret";
        }
        if (apiBaseUrl is not null)
        {
            settings["GitHub:ApiBaseUrl"] = apiBaseUrl;
        }
        Directory.Add("acme/api", 42, HeadSha);
        var fake = new FakeGitHub();
        Fake = fake;
        App = new TestApp(policy, settings)
        {
            ConfigureTestServices = s =>
            {
                services?.Invoke(s);
                if (fakeDirectory)
                {
                    s.AddSingleton<IPullRequestDirectory>(Directory);
                }
                s.AddHttpClient(GitHubHttp.HttpClientName)
                    .ConfigurePrimaryHttpMessageHandler(() => fake)
                    .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            },
        };
        fake.Clock = App.Clock;
    }

    public RSA Key { get; }

    public TestApp App { get; }

    public FakeGitHub Fake { get; }

    public FakePullRequestDirectory Directory { get; } = new();

    public async Task StartAsync()
    {
        _ = App.Server;
        await App.Get<OutboxWorker>().StopAsync(TestContext.Current.CancellationToken);
        ingest = await App.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
    }

    public HttpClient Client => ingest ?? throw new InvalidOperationException("StartAsync first");

    // One event on acme/api#42 that costs exactly costUsd.
    public async Task ReportAsync(string id, decimal costUsd, string workflow = "claude-review", int pr = 42, string runId = "7001")
    {
        var e = Event(id).With("costUsd", costUsd).With("inputTokens", 1000).With("outputTokens", 100)
            .With("repo", "acme/api").With("pr", pr).With("workflow", workflow).With("runId", runId);
        var response = await Client.PostJsonAsync("/api/usage", e);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<int> DrainAsync() => App.Get<OutboxWorker>().DrainAsync(TestContext.Current.CancellationToken);

    public void Advance(TimeSpan by) => App.Clock.Advance(by);

    // The newest outbox row of a kind: its state and why (skip reasons, errors).
    public async Task<(string State, string? Why)> LastOutboxAsync(string kind)
    {
        await using var c = await App.Get<Database>().OpenAsync(TestContext.Current.CancellationToken);
        return await c.QuerySingleAsync<(string, string?)>(
            "SELECT state, last_error FROM outbox_messages WHERE kind = @Kind ORDER BY id DESC LIMIT 1;", new { Kind = kind });
    }

    public Task ChangedAsync(string reason) =>
        App.Get<PullRequestRefresh>().PullRequestsChangedAsync([new PullRequestChange("acme/api", 42, reason, true)], TestContext.Current.CancellationToken);

    public IReadOnlyList<RecordedRequest> CommentPosts => Fake.To(HttpMethod.Post, "/issues/42/comments");

    public IReadOnlyList<RecordedRequest> CommentPatches => Fake.To(HttpMethod.Patch, "/issues/comments/");

    public async ValueTask DisposeAsync()
    {
        ingest?.Dispose();
        await App.DisposeAsync();
        Key.Dispose();
    }
}
