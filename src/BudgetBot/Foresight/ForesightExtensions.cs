using BudgetBot.Auth;
using BudgetBot.Preflight;
using BudgetBot.Usage;

namespace BudgetBot.Foresight;

internal static class ForesightExtensions
{
    public static IHostApplicationBuilder AddForesight(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RunCostStore>();
        builder.Services.AddSingleton<IUsageWriteHook>(sp => sp.GetRequiredService<RunCostStore>());
        builder.Services.AddSingleton<EstimateService>();
        builder.Services.AddSingleton<IRunEstimator>(sp => sp.GetRequiredService<EstimateService>());
        return builder;
    }

    public static IEndpointRouteBuilder MapForesight(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/estimates", Estimates)
            .RequireScope(Scopes.Read)
            .WithTags("Foresight")
            .WithName("Estimates")
            .WithSummary("Cost per finished run and per PR (count, p50, p90, p99, mean) over the policy's estimates.windowDays, " +
                "for a workflow and/or repository; unknown ones answer count 0.");
        return app;
    }

    public static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<RunEstimates>> Estimates(string? workflow, string? repo, EstimateService estimates, CancellationToken ct) =>
        TypedResults.Ok(await estimates.EstimatesAsync(
            string.IsNullOrWhiteSpace(repo) ? null : repo.Trim().ToLowerInvariant(),
            string.IsNullOrWhiteSpace(workflow) ? null : workflow.Trim(), ct));
}
