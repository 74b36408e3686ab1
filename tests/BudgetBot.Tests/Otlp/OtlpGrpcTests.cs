using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using static BudgetBot.Tests.Otlp.Otlp;

namespace BudgetBot.Tests.Otlp;

// OTLP/gRPC: the three collector services over HTTP/2 through the real pipeline (TestServer's handler).
public sealed class OtlpGrpcTests : IAsyncLifetime
{
    private const int MaxMessage = 64 * 1024;

    private readonly TestApp app = new()
    {
        // A small cap so the oversize case needs no 64 MB message; the mechanism is the one in production.
        ConfigureTestServices = s => s.Configure<GrpcServiceOptions>(o => o.MaxReceiveMessageSize = MaxMessage),
    };

    private GrpcChannel channel = null!;

    public ValueTask InitializeAsync()
    {
        channel = GrpcChannel.ForAddress("http://localhost:4317", new GrpcChannelOptions { HttpHandler = app.Server.CreateHandler() });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task ClaudeCodeFixture_OverGrpc_SpendsTheSessionsOwnCostEstimate_Once()
    {
        var headers = await TokenAsync(Scopes.Ingest);
        var request = OtlpProto.Metrics(Fixture("claude-code-otlp-metrics.json"));

        var response = await CallAsync(MetricsExport, request, headers);
        await CallAsync(MetricsExport, request, headers);

        Assert.Null(response.PartialSuccess);
        Assert.Equal(2, await app.CountAsync());
        Assert.Equal(0.797825m, await app.SpentAsync());
    }

    [Fact]
    public async Task LogsAndTraces_OverGrpc_AreStored_AndBadItemsArePartialSuccess()
    {
        var headers = await TokenAsync(Scopes.Ingest);
        var logs = await CallAsync(LogsExport, OtlpProto.Logs(ApiRequestLogs()), headers);
        var spans = OtlpProto.Traces(Fixture("genai-otlp-traces.json"));
        var noModel = spans.ResourceSpans[0].ScopeSpans[0].Spans[0].Clone();
        noModel.SpanId = ByteString.CopyFrom(1, 2, 3, 4, 5, 6, 7, 8);
        foreach (var key in new[] { "gen_ai.request.model", "gen_ai.response.model" })
        {
            noModel.Attributes.Remove(noModel.Attributes.Single(a => a.Key == key));
        }
        spans.ResourceSpans[0].ScopeSpans[0].Spans.Add(noModel);
        var traces = await CallAsync(TracesExport, spans, headers);

        Assert.Null(logs.PartialSuccess);
        Assert.Equal(1, traces.PartialSuccess.RejectedSpans);
        Assert.Contains("no gen_ai.response.model", traces.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        // The log events claimed the session first; the span has none and counts on its own.
        Assert.Equal(0.797825m, await app.SpentAsync("otlp-logs"));
        Assert.Equal(0.05475m, await app.SpentAsync("otlp-traces"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    public async Task WithoutAValidToken_IsUnauthenticated_AndStoresNothing(string? authorization)
    {
        var headers = authorization is null ? new Metadata() : new Metadata { { "authorization", authorization } };
        var e = await Assert.ThrowsAsync<RpcException>(() => CallAsync(MetricsExport, OtlpProto.Metrics(Fixture("claude-code-otlp-metrics.json")), headers));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Equal(0, await app.CountAsync());
    }

    [Fact]
    public async Task ATokenWithoutIngestScope_IsPermissionDenied()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () => await CallAsync(MetricsExport, new ExportMetricsServiceRequest(), await TokenAsync(Scopes.Read)));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task AnOversizeMessage_IsResourceExhausted_AndStoresNothing()
    {
        var request = OtlpProto.Metrics(Fixture("claude-code-otlp-metrics.json"));
        var one = request.ResourceMetrics[0];
        while (request.CalculateSize() <= MaxMessage)
        {
            request.ResourceMetrics.Add(one.Clone());
        }
        var e = await Assert.ThrowsAsync<RpcException>(async () => await CallAsync(MetricsExport, request, await TokenAsync(Scopes.Ingest)));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal(0, await app.CountAsync());
    }

    private async Task<Metadata> TokenAsync(string scope) =>
        new() { { "authorization", "Bearer " + await app.Get<ApiTokenStore>().CreateAsync("grpc-" + scope, [scope]) } };

    private async Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, Metadata headers)
        where TRequest : class where TResponse : class =>
        await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(headers, cancellationToken: TestContext.Current.CancellationToken), request);

    // The generated code has no clients (the service only needs servers); a method descriptor is all a call needs.
    private static Method<TRequest, TResponse> Export<TRequest, TResponse>(string service, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse> =>
        new(MethodType.Unary, service, "Export",
            Marshallers.Create<TRequest>(r => r.ToByteArray(), request.ParseFrom),
            Marshallers.Create<TResponse>(r => r.ToByteArray(), response.ParseFrom));

    private static readonly Method<ExportMetricsServiceRequest, ExportMetricsServiceResponse> MetricsExport =
        Export("opentelemetry.proto.collector.metrics.v1.MetricsService", ExportMetricsServiceRequest.Parser, ExportMetricsServiceResponse.Parser);

    private static readonly Method<ExportLogsServiceRequest, ExportLogsServiceResponse> LogsExport =
        Export("opentelemetry.proto.collector.logs.v1.LogsService", ExportLogsServiceRequest.Parser, ExportLogsServiceResponse.Parser);

    private static readonly Method<ExportTraceServiceRequest, ExportTraceServiceResponse> TracesExport =
        Export("opentelemetry.proto.collector.trace.v1.TraceService", ExportTraceServiceRequest.Parser, ExportTraceServiceResponse.Parser);
}
