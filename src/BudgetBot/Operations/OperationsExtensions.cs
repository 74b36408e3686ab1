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
            var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = MaxRequestBodyBytes;
            }
            if (context.Request.ContentLength > MaxRequestBodyBytes)
            {
                await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
                    detail: $"The body may be at most {MaxRequestBodyBytes} bytes.").ExecuteAsync(context);
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

    public static async Task<Results<Ok<ServiceStatus>, ProblemHttpResult>> Ready(Migrator migrator, CancellationToken ct)
    {
        try
        {
            return await migrator.IsCurrentAsync(ct)
                ? TypedResults.Ok(new ServiceStatus("ready"))
                : NotReady("The database is not migrated.");
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
