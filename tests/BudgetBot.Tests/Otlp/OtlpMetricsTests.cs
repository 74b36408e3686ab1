using System.Text.Json;
using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Otlp.Otlp;

namespace BudgetBot.Tests.Otlp;

public sealed class OtlpMetricsTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClaudeCodeFixture_SpendsTheSessionsOwnCostEstimate_Exactly(bool gzip)
    {
        var response = await client.PostAsync("/v1/metrics", Fixture("claude-code-otlp-metrics.json"), gzip);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0.797825m, (await client.GetJsonAsync("/api/budgets/platform")).Decimal("spentUsd"));
        Assert.Equal(0.797825m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));
        Assert.Equal(0.797825m, await app.SpentAsync());
    }

    [Fact]
    public async Task ClaudeCodeFixture_BecomesOneEventPerModel_WithTokensByClassAndAttribution()
    {
        await client.PostAsync("/v1/metrics", Fixture("claude-code-otlp-metrics.json"));

        var rows = (await app.RowsAsync()).ToDictionary(r => (string)r.model_raw); // model is canonical, model_raw as sent
        Assert.Equal(2, rows.Count);
        var sonnet = rows[Sonnet];
        Assert.Equal((18420L, 9850L, 1204800L, 52300L, 760575L), ((long)sonnet.input_tokens, (long)sonnet.output_tokens, (long)sonnet.cache_read_tokens, (long)sonnet.cache_write_5m_tokens, (long)sonnet.cost_micros));
        Assert.Equal(("acme/payments-api", 482L, "feature/ledger-retry", "platform"), ((string)sonnet.repo, (long)sonnet.pr, (string)sonnet.branch, (string)sonnet.team));
        Assert.Equal(37250L, (long)rows[Haiku].cost_micros);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 14, 2, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), (long)sonnet.occurred_at_ms);
    }

    [Fact]
    public async Task ResentExport_ChangesNothing()
    {
        await client.PostAsync("/v1/metrics", Fixture("claude-code-otlp-metrics.json"));
        var again = await client.PostAsync("/v1/metrics", Fixture("claude-code-otlp-metrics.json"), gzip: true);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, await app.CountAsync());
        Assert.Equal(0.797825m, (await client.GetJsonAsync("/api/budgets/platform")).Decimal("spentUsd"));
    }

    [Fact]
    public async Task DeltaPointsOfLaterExports_AddUp()
    {
        await client.PostAsync("/v1/metrics", Metrics("claude_code.cost.usage", 1, CostPoint(0.25m, 0, 60)));
        await client.PostAsync("/v1/metrics", Metrics("claude_code.cost.usage", 1, CostPoint(0.5m, 60, 120)));
        Assert.Equal(0.75m, await app.SpentAsync());
    }

    [Fact]
    public async Task CumulativeSeries_CountsTheDifferenceFromTheLastPoint_AndAResetFromZero()
    {
        await client.PostAsync("/v1/metrics", Metrics("claude_code.cost.usage", 2, CostPoint(0.30m, 0, 60)));
        await client.PostAsync("/v1/metrics", Metrics("claude_code.cost.usage", 2, CostPoint(0.45m, 0, 120), CostPoint(0.80m, 0, 180)));
        Assert.Equal(0.80m, await app.SpentAsync());

        // A retried or late point is not newer than the last one: nothing changes.
        await client.PostAsync("/v1/metrics", Metrics("claude_code.cost.usage", 2, CostPoint(0.45m, 0, 120)));
        await client.PostAsync("/v1/metrics", Metrics("claude_code.cost.usage", 2, CostPoint(0.80m, 0, 180)));
        Assert.Equal(0.80m, await app.SpentAsync());

        // The process restarted: a new start time, counting from zero again.
        await client.PostAsync("/v1/metrics", Metrics("claude_code.cost.usage", 2, CostPoint(0.10m, 500, 560)));
        Assert.Equal(0.90m, await app.SpentAsync());
    }

    [Fact]
    public async Task CumulativeTokens_ArePricedFromTheirDifferences()
    {
        // 1M then 3M cumulative input tokens on Sonnet 4.5 ($3/M): 3M tokens in all = $9.
        await client.PostAsync("/v1/metrics", Metrics("claude_code.token.usage", 2, TokenPoint("input", 1_000_000m, 0, 60)));
        await client.PostAsync("/v1/metrics", Metrics("claude_code.token.usage", 2, TokenPoint("input", 3_000_000m, 0, 120)));
        Assert.Equal(9m, await app.SpentAsync());
    }

    [Fact]
    public async Task BadPoints_AreReportedInPartialSuccess_AndTheGoodOnesStored()
    {
        var noValue = CostPoint(0.1m, 0, 60);
        noValue.Remove("asDouble");
        var json = Metrics("claude_code.token.usage", 1,
            TokenPoint("input", 1_000_000m, 0, 60),
            TokenPoint("sideways", 5m, 0, 60),
            noValue);

        var response = await client.PostAsync("/v1/metrics", json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // The wire form, names and order, as OTLP's JSON mapping writes ExportMetricsServiceResponse.
        Assert.StartsWith("{\"partialSuccess\":{\"rejectedDataPoints\":2,\"errorMessage\":\"", text, StringComparison.Ordinal);
        var partial = JsonDocument.Parse(text).RootElement.GetProperty("partialSuccess");
        Assert.Equal(2, partial.GetProperty("rejectedDataPoints").GetInt32());
        Assert.Contains("unknown type 'sideways'", partial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(3m, await app.SpentAsync());
    }

    [Fact]
    public async Task MetricsWithoutSpend_AreIgnored_NotRejected()
    {
        var response = await client.PostAsync("/v1/metrics", Metrics("claude_code.lines_of_code.count", 1, Point(42, 0, 60, Attr("type", "added"))));
        Assert.Equal("{}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await app.CountAsync());
    }

    [Fact]
    public async Task GenAiInferenceCounters_TakeCachedTokensOutOfInput()
    {
        // The GenAI span fixture's numbers as gen_ai.client.inference.usage.* counters: $0.05475.
        static (string, System.Text.Json.Nodes.JsonObject[]) M(string suffix, decimal value, string modality = "text") =>
            ("gen_ai.client.inference.usage." + suffix, [Point(value, 0, 60, Attr("gen_ai.provider.name", "anthropic"),
                Attr("gen_ai.request.model", "claude-sonnet-4-5"), Attr("gen_ai.response.model", Sonnet), Attr("gen_ai.token.modality", modality))]);
        var response = await client.PostAsync("/v1/metrics", Metrics(1, M("input_tokens", 46000), ("gen_ai.client.inference.usage.input_tokens",
            [Point(1000, 0, 60, Attr("gen_ai.provider.name", "anthropic"), Attr("gen_ai.request.model", "claude-sonnet-4-5"), Attr("gen_ai.response.model", Sonnet), Attr("gen_ai.token.modality", "image"))]),
            M("cache_read.input_tokens", 40000), M("cache_write.input_tokens", 5000), M("output_tokens", 1200), M("reasoning.output_tokens", 300)));

        Assert.Equal("{}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var row = Assert.Single(await app.RowsAsync());
        Assert.Equal((2000L, 1200L, 40000L, 5000L, "anthropic"), ((long)row.input_tokens, (long)row.output_tokens, (long)row.cache_read_tokens, (long)row.cache_write_5m_tokens, (string)row.provider));
        Assert.Equal(0.05475m, await app.SpentAsync());
    }

    internal static System.Text.Json.Nodes.JsonObject CostPoint(decimal usd, long start, long time) =>
        Point(usd, start, time, Attr("session.id", "s-1"), Attr("model", Sonnet));

    internal static System.Text.Json.Nodes.JsonObject TokenPoint(string type, decimal tokens, long start, long time) =>
        Point(tokens, start, time, Attr("session.id", "s-1"), Attr("model", Sonnet), Attr("type", type));
}
