using BudgetBot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Operations;

internal static class OperationsExtensions
{
    // Large enough for a 5,000-event batch or a big OTLP export, small enough to refuse abuse.
    public const long MaxRequestBodyBytes = 8 * 1024 * 1024;

    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageProblems>();
        builder.Services.AddOpenApi();
        // Every body is read by hand, field by field, and numbers sent as strings are refused; the
        // framework's default (AllowReadingFromString) would make the OpenAPI document say otherwise.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // TestServer and IIS do not apply Kestrel's limit, so enforce it here too.
            // A route may raise its own limit (the GitHub webhook: 25 MB) through IRequestSizeLimitMetadata.
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? MaxRequestBodyBytes;
            var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = limit;
            }
            if (context.Request.ContentLength > limit)
            {
                await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
                    detail: $"The body may be at most {limit} bytes.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        app.UseMiddleware<RequestBodyLimit>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapGet("/healthz", Health).WithTags("Operations").WithName("Health");
        app.MapGet("/readyz", Ready).ProducesProblems(StatusCodes.Status503ServiceUnavailable).WithTags("Operations").WithName("Ready");
        return app;
    }

    public static Ok<ServiceStatus> Health() => TypedResults.Ok(new ServiceStatus("alive"));

    // Ready while the database is migrated and writable; the detail counts outbox rows kept as failed
    // (they wait for `budgetbot outbox replay`, which does not make this instance unready).
    public static async Task<Results<Ok<ReadyStatus>, ProblemHttpResult>> Ready(
        Migrator migrator, StorageHealth health, Database db, Outbox.OutboxStore outbox, CancellationToken ct)
    {
        try
        {
            if (!await migrator.IsCurrentAsync(ct))
            {
                return NotReady("The database is not migrated.");
            }
            if (health.Problem is { } problem && !await db.ProbeWriteAsync(ct))
            {
                return NotReady(health.Problem ?? problem);
            }
            var failed = await outbox.CountFailedAsync(ct);
            return TypedResults.Ok(new ReadyStatus("ready", failed,
                failed == 0 ? "no failed outbox messages" : $"{failed} outbox message(s) failed for good; `budgetbot outbox replay` re-sends them"));
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return NotReady("The database is unreachable.");
        }
    }

    private static ProblemHttpResult NotReady(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: detail);
}

internal sealed record ServiceStatus(string Status);

internal sealed record ReadyStatus(string Status, long FailedOutboxMessages, string Detail);
