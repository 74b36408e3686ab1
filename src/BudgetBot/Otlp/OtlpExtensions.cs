using System.Text.Json;
using BudgetBot.Auth;
using BudgetBot.Operations;
using Google.Protobuf;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BudgetBot.Otlp;

// OTLP receiver (DESIGN §5): /v1/metrics, /v1/logs, /v1/traces (JSON or protobuf) with an `ingest`
// token, and the OTLP/gRPC collector services on their own port (OtlpGrpc).
internal static class OtlpExtensions
{
    public static IHostApplicationBuilder AddOtlp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SessionClaims>();
        builder.Services.AddSingleton<CumulativeSeries>();
        builder.Services.AddSingleton<OtlpReceiver>();
        builder.AddOtlpGrpc();
        return builder;
    }

    public static IEndpointRouteBuilder MapOtlp(this IEndpointRouteBuilder app)
    {
        Describe(app.MapPost("/v1/metrics", PostMetrics), "/v1/metrics", "OtlpMetrics");
        Describe(app.MapPost("/v1/logs", PostLogs), "/v1/logs", "OtlpLogs");
        Describe(app.MapPost("/v1/traces", PostTraces), "/v1/traces", "OtlpTraces");
        app.MapOtlpGrpc();
        return app;
    }

    public static Task<Results<Ok<OtlpMetricsAnswer>, ProtobufResult<ExportMetricsServiceResponse>, ProtobufStatus, ProblemHttpResult>> PostMetrics(
        HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, CancellationToken ct) =>
        ReceiveAsync(request, logs, ExportMetricsServiceRequest.Parser,
            async m => OtlpResponses.Metrics(await receiver.MetricsAsync(m, ct)),
            async body => OtlpResponses.MetricsJson(await receiver.MetricsAsync(body, ct)), ct);

    public static Task<Results<Ok<OtlpLogsAnswer>, ProtobufResult<ExportLogsServiceResponse>, ProtobufStatus, ProblemHttpResult>> PostLogs(
        HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, CancellationToken ct) =>
        ReceiveAsync(request, logs, ExportLogsServiceRequest.Parser,
            async m => OtlpResponses.Logs(await receiver.LogsAsync(m, ct)),
            async body => OtlpResponses.LogsJson(await receiver.LogsAsync(body, ct)), ct);

    public static Task<Results<Ok<OtlpTracesAnswer>, ProtobufResult<ExportTraceServiceResponse>, ProtobufStatus, ProblemHttpResult>> PostTraces(
        HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, CancellationToken ct) =>
        ReceiveAsync(request, logs, ExportTraceServiceRequest.Parser,
            async m => OtlpResponses.Traces(await receiver.TracesAsync(m, ct)),
            async body => OtlpResponses.TracesJson(await receiver.TracesAsync(body, ct)), ct);

    // A protobuf request is answered in protobuf, anything else as OTLP/HTTP JSON: 200 with {} when
    // all was taken, or partialSuccess naming what was rejected.
    private static async Task<Results<Ok<TJson>, ProtobufResult<TProto>, ProtobufStatus, ProblemHttpResult>> ReceiveAsync<TRequest, TProto, TJson>(
        HttpRequest request, ILoggerFactory logs, MessageParser<TRequest> parser,
        Func<TRequest, Task<TProto>> protobuf, Func<JsonElement, Task<TJson>> json, CancellationToken ct)
        where TRequest : class, IMessage<TRequest>
        where TProto : IMessage<TProto>
    {
        var logger = logs.CreateLogger(typeof(OtlpReceiver));
        if (OtlpBody.IsProtobuf(request))
        {
            var (message, failure) = await OtlpProtobuf.ReadAsync(request, parser, logger, ct);
            if (failure is not null)
            {
                return failure;
            }
            return new ProtobufResult<TProto>(await protobuf(message!));
        }
        var (document, problem) = await OtlpBody.ReadAsync(request, logger, ct);
        if (problem is not null)
        {
            return problem;
        }
        using var body = document!;
        return TypedResults.Ok(await json(body.RootElement));
    }

    private static void Describe(RouteHandlerBuilder endpoint, string path, string name) =>
        endpoint
            .RequireScope(Scopes.Ingest)
            .DisableAntiforgery()
            .AcceptsJson(typeof(JsonElement))
            .AddOpenApiOperationTransformer(ProtobufResponse.DescribeAsync)
            .ProducesProblems(StatusCodes.Status415UnsupportedMediaType)
            .WithTags("OTLP")
            .WithName(name)
            .WithSummary($"OTLP/HTTP JSON or protobuf export ({path}); usage becomes usage events, idempotent on retry.");
}
