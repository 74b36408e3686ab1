using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using static BudgetBot.Tests.Otlp.Otlp;

namespace BudgetBot.Tests.Otlp;

// OTLP/HTTP protobuf on the JSON routes: the same spend, ids, de-duplication and partial success.
public sealed class OtlpProtobufTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClaudeCodeFixture_AsProtobuf_SpendsTheSessionsOwnCostEstimate_Exactly(bool gzip)
    {
        var response = await client.PostProtobufAsync("/v1/metrics", OtlpProto.Metrics(Fixture("claude-code-otlp-metrics.json")), gzip);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadProtobufAsync(ExportMetricsServiceResponse.Parser);
        Assert.Null(answer.PartialSuccess);
        Assert.Equal(0.797825m, (await client.GetJsonAsync("/api/budgets/platform")).Decimal("spentUsd"));
        Assert.Equal(0.797825m, await app.SpentAsync());
        var sonnet = (await app.RowsAsync()).Single(r => (string)r.model_raw == Sonnet);
        Assert.Equal((18420L, 9850L, 1204800L, 52300L, "acme/payments-api", 482L), ((long)sonnet.input_tokens, (long)sonnet.output_tokens,
            (long)sonnet.cache_read_tokens, (long)sonnet.cache_write_5m_tokens, (string)sonnet.repo, (long)sonnet.pr));
    }

    [Fact]
    public async Task TheSameExport_AsJsonThenAsProtobuf_HasTheSameIds_AndCountsOnce()
    {
        await client.PostAsync("/v1/metrics", Fixture("claude-code-otlp-metrics.json"));
        var ids = (await app.RowsAsync()).Select(r => (string)r.event_id).Order().ToList();
        await client.PostProtobufAsync("/v1/metrics", OtlpProto.Metrics(Fixture("claude-code-otlp-metrics.json")), gzip: true);

        Assert.Equal(ids, (await app.RowsAsync()).Select(r => (string)r.event_id).Order().ToList());
        Assert.Equal(0.797825m, await app.SpentAsync());
    }

    [Fact]
    public async Task BadPoints_AreReportedInProtobufPartialSuccess_AndTheGoodOnesStored()
    {
        var noValue = OtlpMetricsTests.CostPoint(0.1m, 0, 60);
        noValue.Remove("asDouble");
        var json = Metrics("claude_code.token.usage", 1,
            OtlpMetricsTests.TokenPoint("input", 1_000_000m, 0, 60), OtlpMetricsTests.TokenPoint("sideways", 5m, 0, 60), noValue);

        var response = await client.PostProtobufAsync("/v1/metrics", OtlpProto.Metrics(json));

        var partial = (await response.ReadProtobufAsync(ExportMetricsServiceResponse.Parser)).PartialSuccess;
        Assert.Equal(2, partial.RejectedDataPoints);
        Assert.Contains("unknown type 'sideways'", partial.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(3m, await app.SpentAsync());
    }

    [Fact]
    public async Task ApiRequestLogs_AsProtobuf_SpendTheSessionOnce_AndKeepNoPrompt()
    {
        var response = await client.PostProtobufAsync("/v1/logs", OtlpProto.Logs(ApiRequestLogs()));
        await client.PostProtobufAsync("/v1/logs", OtlpProto.Logs(ApiRequestLogs()), gzip: true);

        Assert.Null((await response.ReadProtobufAsync(ExportLogsServiceResponse.Parser)).PartialSuccess);
        Assert.Equal(0.797825m, await app.SpentAsync(LogsSource));
        Assert.Equal(2, await app.CountAsync());
    }

    [Fact]
    public async Task GenAiSpan_AsProtobuf_HasTheJsonSpansId_AndPrice()
    {
        var response = await client.PostProtobufAsync("/v1/traces", OtlpProto.Traces(Fixture("genai-otlp-traces.json")));
        await client.PostAsync("/v1/traces", Fixture("genai-otlp-traces.json"));

        Assert.Null((await response.ReadProtobufAsync(ExportTraceServiceResponse.Parser)).PartialSuccess);
        var row = Assert.Single(await app.RowsAsync());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", (string)row.event_id);
        Assert.Equal(0.05475m, await app.SpentAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnExportManyTimesTheFirstReadBuffer_IsReadWhole(bool gzip)
    {
        // 400 sessions' cost points, each ~300 bytes: a body many times the 16 KB the read starts
        // with when Content-Length is small (gzip squeezes the padding), so the buffer grows.
        var points = Enumerable.Range(0, 400).Select(i => Point(0.01m, 0, 60, Attr("session.id", "s-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Attr("model", Sonnet), Attr("padding", new string('x', 240)))).ToArray();

        var response = await client.PostProtobufAsync("/v1/metrics", OtlpProto.Metrics(Metrics("claude_code.cost.usage", 1, points)), gzip);

        Assert.Null((await response.ReadProtobufAsync(ExportMetricsServiceResponse.Parser)).PartialSuccess);
        Assert.Equal(400, await app.CountAsync());
        Assert.Equal(4m, await app.SpentAsync());
    }

    private const string LogsSource = "otlp-logs";
}
