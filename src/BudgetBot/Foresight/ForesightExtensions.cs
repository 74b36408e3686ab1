using BudgetBot.Auth;
using BudgetBot.Budgets;
using BudgetBot.Operations;
using BudgetBot.Preflight;
using BudgetBot.Scheduling;
using BudgetBot.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Foresight;

internal static class ForesightExtensions
{
    public static IHostApplicationBuilder AddForesight(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RunCostStore>();
        builder.Services.AddSingleton<IUsageWriteHook>(sp => sp.GetRequiredService<RunCostStore>());
        builder.Services.AddSingleton<EstimateService>();
        builder.Services.AddSingleton<UnitsStore>();
        builder.Services.AddSingleton<IBudgetForecasts, ForecastService>();
        builder.Services.AddSingleton<IRunEstimator>(sp => sp.GetRequiredService<EstimateService>());
        builder.Services.AddSingleton<RunCostPruner>();
        builder.Services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<RunCostPruner>());
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
        app.MapGet("/api/units", UnitsOfWork)
            .RequireScope(Scopes.Read)
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithTags("Foresight")
            .WithName("Units")
            .WithSummary("Cost per merged PR and per successful run, and spend on PRs closed unmerged and on failed or cancelled runs, " +
                "grouped by workflow or repo, for runs whose latest usage is between from and to (RFC 3339 or yyyy-MM-dd, UTC).");
        return app;
    }

    public static async Task<Results<Ok<UnitsAnswer>, ProblemHttpResult>> UnitsOfWork([AsParameters] UnitsQuery query, UnitsStore store, TimeProvider clock, CancellationToken ct)
    {
        var (group, start, end, errors) = query.Read(clock.GetUtcNow());
        if (errors.Count > 0)
        {
            return Problems.InvalidQuery(errors, "The units query is not valid");
        }
        return TypedResults.Ok(new UnitsAnswer(group, start, end, WorkUnits.Of(group, await store.RowsAsync(start, end, ct))));
    }

    public static async Task<Ok<RunEstimates>> Estimates(string? workflow, string? repo, EstimateService estimates, CancellationToken ct) =>
        TypedResults.Ok(await estimates.EstimatesAsync(
            string.IsNullOrWhiteSpace(repo) ? null : repo.Trim().ToLowerInvariant(),
            string.IsNullOrWhiteSpace(workflow) ? null : workflow.Trim(), ct));
}
