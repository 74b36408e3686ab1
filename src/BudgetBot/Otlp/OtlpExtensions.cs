using System.Text.Json;
using BudgetBot.Auth;
using BudgetBot.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Otlp;

// OTLP/HTTP JSON receiver (DESIGN §5): /v1/metrics, /v1/logs, /v1/traces with an `ingest` token.
// The body stays raw JSON: OtlpReceiver walks it, and a partial failure is answered in OTLP's shape.
internal static class OtlpExtensions
{
    public static IHostApplicationBuilder AddOtlp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SessionClaims>();
        builder.Services.AddSingleton<CumulativeSeries>();
        builder.Services.AddSingleton<OtlpReceiver>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOtlp(this IEndpointRouteBuilder app)
    {
        Describe(app.MapPost("/v1/metrics", PostMetrics), "/v1/metrics", "OtlpMetrics");
        Describe(app.MapPost("/v1/logs", PostLogs), "/v1/logs", "OtlpLogs");
        Describe(app.MapPost("/v1/traces", PostTraces), "/v1/traces", "OtlpTraces");
        return app;
    }

    public static Task<Results<JsonHttpResult<Dictionary<string, object?>>, ProblemHttpResult>> PostMetrics(
        HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, CancellationToken ct) =>
        ReceiveAsync(request, logs, "rejectedDataPoints", body => receiver.MetricsAsync(body, ct), ct);

    public static Task<Results<JsonHttpResult<Dictionary<string, object?>>, ProblemHttpResult>> PostLogs(
        HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, CancellationToken ct) =>
        ReceiveAsync(request, logs, "rejectedLogRecords", body => receiver.LogsAsync(body, ct), ct);

    public static Task<Results<JsonHttpResult<Dictionary<string, object?>>, ProblemHttpResult>> PostTraces(
        HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, CancellationToken ct) =>
        ReceiveAsync(request, logs, "rejectedSpans", body => receiver.TracesAsync(body, ct), ct);

    private static async Task<Results<JsonHttpResult<Dictionary<string, object?>>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, ILoggerFactory logs, string rejectedField, Func<JsonElement, Task<Rejections>> receive, CancellationToken ct)
    {
        var (document, problem) = await OtlpBody.ReadAsync(request, logs.CreateLogger(typeof(OtlpReceiver)), ct);
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
            .WithSummary($"OTLP/HTTP JSON export ({path}); usage becomes usage events, idempotent on retry.");
}
