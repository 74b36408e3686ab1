using System.Text.Json;
using BudgetBot.Auth;

namespace BudgetBot.Otlp;

// OTLP/HTTP JSON receiver (DESIGN §5): /v1/metrics, /v1/logs, /v1/traces with an `ingest` token.
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
        Map(app, "/v1/metrics", "rejectedDataPoints", (r, body, ct) => r.MetricsAsync(body, ct));
        Map(app, "/v1/logs", "rejectedLogRecords", (r, body, ct) => r.LogsAsync(body, ct));
        Map(app, "/v1/traces", "rejectedSpans", (r, body, ct) => r.TracesAsync(body, ct));
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string path, string rejectedField, Func<OtlpReceiver, JsonElement, CancellationToken, Task<Rejections>> receive)
    {
        app.MapPost(path, async (HttpRequest request, OtlpReceiver receiver, ILoggerFactory logs, CancellationToken ct) =>
        {
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
        .WithSummary($"OTLP/HTTP JSON export ({path}); usage becomes usage events, idempotent on retry.");
    }
}
