using System.Text.Json;
using BudgetBot.Auth;
using BudgetBot.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

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

    // These answer IResult, not a TypedResults union: a protobuf request is answered in protobuf
    // (OtlpProtobuf), which no typed result describes; Describe states the JSON answers instead.
    public static Task<IResult> PostMetrics(HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, CancellationToken ct) =>
        ReceiveAsync(request, receiver, logs, "rejectedDataPoints", body => receiver.MetricsAsync(body, ct), OtlpProtobuf.MetricsAsync, ct);

    public static Task<IResult> PostLogs(HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, CancellationToken ct) =>
        ReceiveAsync(request, receiver, logs, "rejectedLogRecords", body => receiver.LogsAsync(body, ct), OtlpProtobuf.LogsAsync, ct);

    public static Task<IResult> PostTraces(HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, CancellationToken ct) =>
        ReceiveAsync(request, receiver, logs, "rejectedSpans", body => receiver.TracesAsync(body, ct), OtlpProtobuf.TracesAsync, ct);

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, string rejectedField,
        Func<JsonElement, Task<Rejections>> receive, OtlpProtobuf.Handler protobuf, CancellationToken ct)
    {
        var logger = logs.CreateLogger(typeof(OtlpReceiver));
        if (OtlpBody.IsProtobuf(request))
        {
            return await protobuf(request, receiver, logger, ct);
        }
        var (document, problem) = await OtlpBody.ReadAsync(request, logger, ct);
        if (problem is not null)
        {
            return problem;
        }
        using var body = document!;
        var rejected = await receive(body.RootElement);
        // OTLP: 200 with {} when all was taken, or partialSuccess naming what was rejected.
        return TypedResults.Json(rejected.Count == 0
            ? new Dictionary<string, object?>()
            : new Dictionary<string, object?> { ["partialSuccess"] = new Dictionary<string, object?> { [rejectedField] = rejected.Count, ["errorMessage"] = rejected.Message } });
    }

    private static void Describe(RouteHandlerBuilder endpoint, string path, string name) =>
        endpoint
            .RequireScope(Scopes.Ingest)
            .DisableAntiforgery()
            .AcceptsJson(typeof(JsonElement))
            .Produces<Dictionary<string, object>>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status415UnsupportedMediaType)
            .WithTags("OTLP")
            .WithName(name)
            .WithSummary($"OTLP/HTTP JSON or protobuf export ({path}); usage becomes usage events, idempotent on retry.");
}
