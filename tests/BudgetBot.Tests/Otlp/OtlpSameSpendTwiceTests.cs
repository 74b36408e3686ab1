using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Otlp.Otlp;

namespace BudgetBot.Tests.Otlp;

// Claude Code can export one session's spend as metrics AND as api_request log events (and spans).
// The first channel to report a session owns it; whatever order they arrive in, it counts once.
public sealed class OtlpSameSpendTwiceTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ApiRequestEvents_Alone_SpendTheSession()
    {
        var response = await client.PostAsync("/v1/logs", ApiRequestLogs());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0.797825m, (await client.GetJsonAsync("/api/budgets/platform")).Decimal("spentUsd"));
        Assert.Equal(2, await app.CountAsync("otlp-logs"));
    }

    [Fact]
    public async Task ApiRequestEvents_StoreNoPromptText()
    {
        await client.PostAsync("/v1/logs", ApiRequestLogs());
        var dump = string.Join("\n", (await app.RowsAsync()).Select(r => string.Join(",", ((IDictionary<string, object>)r).Values)));
        Assert.DoesNotContain("SECRET-PROMPT-TEXT", dump, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/metrics", "/v1/logs")]
    [InlineData("/v1/logs", "/v1/metrics")]
    public async Task MetricsAndEventsOfOneSession_CountOnce_InEitherOrder(string first, string second)
    {
        await client.PostAsync(first, Payload(first));
        var later = await client.PostAsync(second, Payload(second));

        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(0.797825m, (await client.GetJsonAsync("/api/budgets/platform")).Decimal("spentUsd"));
        Assert.Equal(0.797825m, await app.SpentAsync());
        Assert.Equal(0, await app.CountAsync(second == "/v1/logs" ? "otlp-logs" : "otlp-metrics"));

        // The owning channel keeps reporting later spend of the session.
        await client.PostAsync(first, first == "/v1/logs" ? ApiRequestLogs().Replace("1772460090", "1772460190", StringComparison.Ordinal)
            : Metrics("claude_code.cost.usage", 1, Point(0.2m, 1772460120, 1772460180, Attr("session.id", Session), Attr("model", Sonnet))));
        Assert.True(await app.SpentAsync() > 0.797825m);
    }

    [Fact]
    public async Task OtherSessions_AreNotAffectedByAClaim()
    {
        await client.PostAsync("/v1/logs", ApiRequestLogs());
        await client.PostAsync("/v1/metrics", Metrics("claude_code.cost.usage", 1, Point(0.2m, 0, 60, Attr("session.id", "another"), Attr("model", Sonnet))));
        Assert.Equal(0.997825m, await app.SpentAsync());
    }

    private static string Payload(string path) => path == "/v1/logs" ? ApiRequestLogs() : Fixture("claude-code-otlp-metrics.json");
}
