using BudgetBot.Storage;

namespace BudgetBot.Operations;

internal static class OperationsExtensions
{
    // Large enough for a 5,000-event batch or a big OTLP export, small enough to refuse abuse.
    public const long MaxRequestBodyBytes = 8 * 1024 * 1024;

    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
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
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" })).WithName("Health");
        app.MapGet("/readyz", async (Migrator migrator, CancellationToken ct) =>
        {
            try
            {
                return await migrator.IsCurrentAsync(ct)
                    ? Results.Ok(new { status = "ready" })
                    : Results.Problem(statusCode: 503, title: "Not ready", detail: "The database is not migrated.");
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                return Results.Problem(statusCode: 503, title: "Not ready", detail: "The database is unreachable.");
            }
        }).WithName("Ready");
        return app;
    }

}
