using System.Net;
using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace BudgetBot.Tests.GitHub;

public sealed class WebhookInboxTests : IAsyncLifetime
{
    private readonly TestApp app = GitHubTestApp.Create();
    private HttpClient client = null!;

    public ValueTask InitializeAsync()
    {
        client = app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    public static TheoryData<string> Fixtures() => new(Payloads.AllFixtures());

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task EveryFixture_IsStoredAcknowledgedAndProcessed(string fixture)
    {
        var eventName = fixture.Split('/')[0];
        var response = await client.DeliverAsync(eventName, Payloads.Fixture(fixture), "d-1");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1L, await app.QueryAsync<long>("SELECT COUNT(*) FROM github_inbox WHERE delivery_id = 'd-1'"));

        await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken);

        var (state, error) = await app.QueryAsync<(string, string?)>("SELECT state, last_error FROM github_inbox WHERE delivery_id = 'd-1'");
        Assert.True(state == "done", $"{fixture}: {state} {error}");
    }

    [Theory]
    [InlineData("pull_request/opened.payload.json", "pull_requests")]
    [InlineData("workflow_run/completed.payload.json", "workflow_runs")]
    [InlineData("workflow_job/queued.payload.json", "workflow_jobs")]
    [InlineData("installation/created.payload.json", "github_installations")]
    [InlineData("installation_repositories/added.payload.json", "github_repositories")]
    public async Task Fixture_IsRoutedToItsHandler(string fixture, string table)
    {
        await app.DeliverAndProcessAsync(client, fixture.Split('/')[0], Payloads.Fixture(fixture));
        Assert.True(await app.QueryAsync<long>($"SELECT COUNT(*) FROM {table}") > 0, $"{fixture} left {table} empty");
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    [InlineData("sha1=deadbeef")]
    [InlineData("wrong secret")]
    public async Task BadSignature_IsRefusedAndStoresNothing(string signature)
    {
        var body = Payloads.Fixture("ping/payload.json");
        var header = signature == "wrong secret" ? GitHubTestApp.Sign(body, "another secret") : signature;
        var response = await client.DeliverAsync("ping", body, "bad", header);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0L, await app.QueryAsync<long>("SELECT COUNT(*) FROM github_inbox"));
    }

    [Fact]
    public async Task TamperedBody_IsRefused()
    {
        var body = Payloads.Fixture("ping/payload.json");
        var response = await client.DeliverAsync("ping", body.Replace("Hello-World", "Hello-Wor1d"), "t", GitHubTestApp.Sign(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0L, await app.QueryAsync<long>("SELECT COUNT(*) FROM github_inbox"));
    }

    [Fact]
    public async Task MissingDeliveryId_IsRefused()
    {
        var body = Payloads.Fixture("ping/payload.json");
        var response = await client.DeliverAsync("ping", body, "");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0L, await app.QueryAsync<long>("SELECT COUNT(*) FROM github_inbox"));
    }

    [Fact]
    public async Task Redelivery_IsStoredOnceAndProcessedOnce()
    {
        var body = Payloads.PullRequest("opened", 7, "aaa1", "feature");
        var first = await client.DeliverAsync("pull_request", body, "same");
        await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken);
        var second = await client.DeliverAsync("pull_request", body, "same");
        var drained = await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(0, drained);
        Assert.Equal(1L, await app.QueryAsync<long>("SELECT COUNT(*) FROM github_inbox"));
    }

    [Fact]
    public async Task ConcurrentCopiesOfOneDelivery_AreStoredOnce()
    {
        var body = Payloads.PullRequest("opened", 8, "bbb2", "feature");
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.DeliverAsync("pull_request", body, "race")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(1L, await app.QueryAsync<long>("SELECT COUNT(*) FROM github_inbox"));
    }

    [Theory]
    [InlineData("pull_request", "{\"action\":\"opened\",\"number\":1}", "opened")]
    [InlineData("brand_new_event", "{\"action\":\"created\"}", "created")]
    [InlineData("workflow_run", "{\"action\":\"completed\",\"workflow_run\":{}}", "completed")]
    [InlineData("pull_request", "not json at all", null)]
    public async Task UnparsablePayload_IsStoredAnswered202AndKeptAsUnparsed(string eventName, string body, string? action)
    {
        var response = await client.DeliverAsync(eventName, body, "u-1");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken);

        var (state, storedAction, storedBody) = await app.QueryAsync<(string, string?, string)>(
            "SELECT state, action, body FROM github_inbox WHERE delivery_id = 'u-1'");
        Assert.Equal("unparsed", state);
        Assert.Equal(action, storedAction);
        Assert.Equal(body, storedBody);
    }

    [Fact]
    public async Task Unconfigured_Answers503ProblemAndStoresNothing()
    {
        await using var bare = new TestApp();
        var response = await bare.CreateClient().DeliverAsync("ping", Payloads.Fixture("ping/payload.json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0L, await bare.QueryAsync<long>("SELECT COUNT(*) FROM github_inbox"));
    }

    [Theory]
    [InlineData("GitHub:AppId", "1", "GitHub:PrivateKey or GitHub:PrivateKeyPath")]
    [InlineData("GitHub:WebhookSecret", "s", "GitHub:AppId must be a positive number")]
    [InlineData("GitHub:WebhookSecret", "", "GitHub:WebhookSecret must not be empty")]
    public async Task HalfConfigured_RefusesToStartAndListsEveryError(string key, string value, string expected)
    {
        await using var half = new TestApp(settings: new Dictionary<string, string?> { [key] = value });
        var e = await half.StartFailureAsync();
        var validation = FindValidation(e);
        Assert.Contains(validation.Failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.True(validation.Failures.Count() >= 2, string.Join(" | ", validation.Failures));
    }

    private static OptionsValidationException FindValidation(Exception e) => e switch
    {
        OptionsValidationException v => v,
        AggregateException a => a.InnerExceptions.Select(FindValidation).First(),
        { InnerException: { } inner } => FindValidation(inner),
        _ => throw new Xunit.Sdk.XunitException("no OptionsValidationException in " + e),
    };
}
