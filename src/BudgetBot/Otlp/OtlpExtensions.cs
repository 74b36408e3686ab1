using System.Text.Json;
using BudgetBot.Auth;
using BudgetBot.Transcripts;

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
        builder.Services.AddSingleton<ClaudeCodeImporter>();
        builder.AddOtlpGrpc();
        return builder;
    }

    public static IEndpointRouteBuilder MapOtlp(this IEndpointRouteBuilder app)
    {
        Map(app, "/v1/metrics", "rejectedDataPoints", (r, body, ct) => r.MetricsAsync(body, ct), OtlpProtobuf.MetricsAsync);
        Map(app, "/v1/logs", "rejectedLogRecords", (r, body, ct) => r.LogsAsync(body, ct), OtlpProtobuf.LogsAsync);
        Map(app, "/v1/traces", "rejectedSpans", (r, body, ct) => r.TracesAsync(body, ct), OtlpProtobuf.TracesAsync);
        app.MapOtlpGrpc();
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string path, string rejectedField, Func<OtlpReceiver, JsonElement, CancellationToken, Task<Rejections>> receive, OtlpProtobuf.Handler protobuf)
    {
        app.MapPost(path, async (HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (OtlpBody.IsProtobuf(request))
            {
                return await protobuf(request, receiver, logs.CreateLogger(typeof(OtlpReceiver)), ct);
            }
            var (document, problem) = await OtlpBody.ReadAsync(request, logs.CreateLogger(typeof(OtlpReceiver)), ct);
            if (problem is not null)
            {
                return problem;
            }
            using var body = document!;
            var rejected = await receive(receiver, body.RootElement, ct);
            // OTLP: 200 with {} when all was taken, or partialSuccess naming what was rejected.
            return rejected.Count == 0
                ? Results.Json(new Dictionary<string, object>())
                : Results.Json(new { partialSuccess = new Dictionary<string, object?> { [rejectedField] = rejected.Count, ["errorMessage"] = rejected.Message } });
        })
        .RequireAuthorization(Scopes.Ingest)
        .DisableAntiforgery()
        .WithSummary($"OTLP/HTTP JSON or protobuf export ({path}); usage becomes usage events, idempotent on retry.");
    }
}
