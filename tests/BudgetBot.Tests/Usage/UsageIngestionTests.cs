using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Usage;

public sealed class UsageIngestionTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task SingleEvent_IsAcceptedAndPricedAtCatalogPrice()
    {
        // Sonnet 4.5: 1M input at $3 + 100k output at $15 = $4.50
        var e = Event("e1").With("inputTokens", 1_000_000).With("outputTokens", 100_000).With("repo", "acme/api");
        var response = await client.PostJsonAsync("/api/usage", e);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadAsync();
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("duplicates").GetInt32());
        var platform = await client.GetJsonAsync("/api/budgets/platform");
        Assert.Equal(4.5m, platform.Decimal("spentUsd"));
    }

    [Fact]
    public async Task ResentBatch_ChangesNothing()
    {
        var batch = Batch(
            Event("a").With("inputTokens", 1000).With("repo", "acme/api"),
            Event("b").With("costUsd", 1.25).With("repo", "acme/api"));
        var first = await (await client.PostJsonAsync("/api/usage", batch)).ReadAsync();
        var before = await client.GetJsonAsync("/api/budgets/platform");
        var second = await (await client.PostJsonAsync("/api/usage", batch)).ReadAsync();
        var after = await client.GetJsonAsync("/api/budgets/platform");

        Assert.Equal(2, first.GetProperty("accepted").GetInt32());
        Assert.Equal(0, second.GetProperty("accepted").GetInt32());
        Assert.Equal(2, second.GetProperty("duplicates").GetInt32());
        Assert.Equal(before.Decimal("spentUsd"), after.Decimal("spentUsd"));
        Assert.Equal(1.253m, after.Decimal("spentUsd"));
    }

    [Fact]
    public async Task SameIdFromAnotherSource_IsADifferentEvent()
    {
        await client.PostJsonAsync("/api/usage", Event("same", source: "a").With("costUsd", 1));
        var body = await (await client.PostJsonAsync("/api/usage", Event("same", source: "b").With("costUsd", 1))).ReadAsync();
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        Assert.Equal(2m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));
    }

    [Fact]
    public async Task BatchWithBadEvents_StoresNothingAndNamesEveryError()
    {
        var batch = Batch(
            Event("good").With("costUsd", 3),
            new Dictionary<string, object?> { ["id"] = "bad1", ["model"] = "gpt-5", ["inputTokens"] = -5, ["occurredAt"] = "yesterday" },
            Event("bad2").With("repo", "not a repo").With("pr", 0).With("input_tokens", 10));

        var response = await client.PostJsonAsync("/api/usage", batch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadAsync()).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString())).ToHashSet();
        Assert.Equal(
            new HashSet<(int, string?)> { (1, "source"), (1, "occurredAt"), (1, "inputTokens"), (2, "repo"), (2, "pr"), (2, "input_tokens") },
            errors);
        Assert.Equal(0m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));
        var retry = await (await client.PostJsonAsync("/api/usage", Event("good").With("costUsd", 3))).ReadAsync();
        Assert.Equal(1, retry.GetProperty("accepted").GetInt32());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"events\": []}")]
    public async Task MalformedBody_IsAProblem(string body)
    {
        var response = await client.PostAsync("/api/usage", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadAsync()).GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task UnknownModel_IsStoredUnpricedAndShowsInStatus_ThenPricedWhenTheCatalogLearnsIt()
    {
        await client.PostJsonAsync("/api/usage", Event("future", model: "claude-sonnet-9").With("inputTokens", 1_000_000).With("repo", "acme/api"));
        var status = await client.GetJsonAsync("/api/budgets/platform");
        Assert.Equal(1, status.GetProperty("unpricedEvents").GetInt32());
        Assert.Equal(0m, status.Decimal("spentUsd"));

        var learned = Pricing.PriceCatalogTestData.WithExtraModel("claude-sonnet-9", input: 2m, output: 10m);
        app.Get<BudgetBot.Usage.PriceCatalogProvider>().Replace(learned);
        Assert.Equal(1, await app.Get<BudgetBot.Usage.Repricer>().RepriceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await app.Get<BudgetBot.Usage.Repricer>().RepriceAsync(TestContext.Current.CancellationToken));

        status = await client.GetJsonAsync("/api/budgets/platform");
        Assert.Equal(0, status.GetProperty("unpricedEvents").GetInt32());
        Assert.Equal(2m, status.Decimal("spentUsd"));
    }

    [Fact]
    public async Task ReportedCost_WinsOverCatalogPrice()
    {
        await client.PostJsonAsync("/api/usage", Event("r").With("inputTokens", 1_000_000).With("costUsd", 0.5).With("repo", "acme/api"));
        Assert.Equal(0.5m, (await client.GetJsonAsync("/api/budgets/platform")).Decimal("spentUsd"));
    }

    [Fact]
    public async Task RepoWithoutTeam_CountsForUnassignedAndOrg_NotForATeam()
    {
        await client.PostJsonAsync("/api/usage", Event("u").With("costUsd", 7).With("repo", "other/thing"));
        Assert.Equal(0m, (await client.GetJsonAsync("/api/budgets/platform")).Decimal("spentUsd"));
        Assert.Equal(7m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));
    }

    [Fact]
    public async Task ExplicitTeam_WinsOverRepoMapping()
    {
        await client.PostJsonAsync("/api/usage", Event("t").With("costUsd", 2).With("repo", "acme/web").With("team", "platform"));
        Assert.Equal(2m, (await client.GetJsonAsync("/api/budgets/platform")).Decimal("spentUsd"));
    }

    [Fact]
    public async Task WithoutToken_Is401_AndWrongScope_Is403()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/usage", Event("x"))).StatusCode);
        var readOnly = await app.ClientWithScopesAsync(Scopes.Read);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostJsonAsync("/api/usage", Event("x"))).StatusCode);
        var ingestOnly = await app.ClientWithScopesAsync(Scopes.Ingest);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingestOnly.GetAsync("/api/budgets", TestContext.Current.CancellationToken)).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "bb_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/usage", Event("x"))).StatusCode);
    }
}
