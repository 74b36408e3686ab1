using BudgetBot.Auth;
using BudgetBot.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Reports;

internal static class ReportEndpoints
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SpendReport>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/spend.csv", SpendCsv)
            .RequireScope(Scopes.Read)
            .ProducesText("text/csv")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithTags("Reports")
            .WithName("SpendCsv")
            .WithSummary("Spend between from and to (RFC 3339 or yyyy-MM-dd, UTC) grouped by team, repo, workflow, model, pr or day.");
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> SpendCsv([AsParameters] SpendQuery query, SpendReport report, TimeProvider clock, CancellationToken ct)
    {
        var (group, start, end, errors) = query.Read(clock.GetUtcNow());
        if (errors.Count > 0)
        {
            return Problems.InvalidQuery(errors, "The report query is not valid");
        }
        return TypedResults.Text(await report.CsvAsync(group, start, end, ct), "text/csv; charset=utf-8");
    }
}
