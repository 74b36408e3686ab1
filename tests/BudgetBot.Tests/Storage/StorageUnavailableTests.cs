using System.Net;
using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Storage;

// Issue 15 item 19: a real SQLite database that turns read-only or full (through Storage:SqlitePragmas,
// set on the running service): writes answer 503 saying so, /readyz fails meanwhile, reads go on, and
// both recover when the storage does.
public sealed class StorageUnavailableTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/usage", Event("before").With("costUsd", 1m))).StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task ReadOnlyStorage_Answers503SayingSo_FailsReadyz_AndRecovers()
    {
        app.Get<StorageOptions>().SqlitePragmas = " PRAGMA query_only = 1;";

        var refused = await client.PostJsonAsync("/api/usage", Event("during").With("costUsd", 2m));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("read-only", (await refused.ReadAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertReadyAsync(HttpStatusCode.ServiceUnavailable, "read-only");
        Assert.Equal(1m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));

        app.Get<StorageOptions>().SqlitePragmas = " PRAGMA query_only = 0;";
        await AssertReadyAsync(HttpStatusCode.OK, null);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/usage", Event("during").With("costUsd", 2m))).StatusCode);
        Assert.Equal(3m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));
    }

    [Fact]
    public async Task FullStorage_Answers503SayingSo_FailsReadyz_AndStoresNothing()
    {
        // max_page_count cannot go below the file's size: 1 means "not one page more".
        app.Get<StorageOptions>().SqlitePragmas = " PRAGMA max_page_count = 1;";
        var events = Enumerable.Range(0, 300).Select(i => Event($"big-{i}").With("costUsd", 1m).With("repo", "acme/api")).ToArray();

        var refused = await client.PostJsonAsync("/api/usage", Batch(events));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("full", (await refused.ReadAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertReadyAsync(HttpStatusCode.ServiceUnavailable, "full");
        Assert.Equal(1m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));

        app.Get<StorageOptions>().SqlitePragmas = " PRAGMA max_page_count = 1073741823;";
        await AssertReadyAsync(HttpStatusCode.OK, null);
    }

    [Fact]
    public async Task FullStorage_StaysNotReady_WhenASmallWriteFitsInFreePages()
    {
        app.Get<StorageOptions>().SqlitePragmas = " PRAGMA max_page_count = 1;";
        var events = Enumerable.Range(0, 300).Select(i => Event($"big-{i}").With("costUsd", 1m).With("repo", "acme/api")).ToArray();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.PostJsonAsync("/api/usage", Batch(events))).StatusCode);

        // One event fits in the pages the file already has (as a lease heartbeat or an outbox claim does):
        // the disk is no less full for it.
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/usage", Event("small").With("costUsd", 1m))).StatusCode);

        await AssertReadyAsync(HttpStatusCode.ServiceUnavailable, "full");
        app.Get<StorageOptions>().SqlitePragmas = " PRAGMA max_page_count = 1073741823;";
        await AssertReadyAsync(HttpStatusCode.OK, null);
    }

    private async Task AssertReadyAsync(HttpStatusCode expected, string? detail)
    {
        var ready = await app.CreateClient().GetAsync("/readyz", Ct);
        Assert.Equal(expected, ready.StatusCode);
        if (detail is not null)
        {
            Assert.Contains(detail, (await ready.ReadAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
