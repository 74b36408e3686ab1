using BudgetBot.Auth;
using BudgetBot.Dashboard;
using BudgetBot.Foresight;
using BudgetBot.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BudgetBot.Reports;

// GET /api/reports/spend.csv: the dashboard's spend cube (rollups only) with spend.csv's columns.
// Never by actor: reports rank work, not people (DESIGN §11).
internal static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/spend.csv", SpendCsvAsync)
            .RequireScope(Scopes.Read)
            .ProducesText("text/csv")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithTags("Reports")
            .WithName("SpendCsv")
            .WithSummary("Spend between from and to (RFC 3339, or yyyy-MM-dd in the policy's time zone) grouped by one or more of team, repo, " +
                "workflow, model, provider, pr (groupBy=team,model or repeated), optionally per day or hour (bucket=day|hour; groupBy=day is day buckets).");
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> SpendCsvAsync([AsParameters] SpendCsvQuery q, SpendCube cube, UnitsStore units, TimeProvider clock, CancellationToken ct)
    {
        var filters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["team"] = q.Team, ["repo"] = q.Repo, ["workflow"] = q.Workflow, ["model"] = q.Model, ["provider"] = q.Provider,
        };
        var (query, errors) = SpendSeriesQuery.FromReport(q.From, q.To, q.Bucket, q.GroupBy, filters, clock.GetUtcNow(), cube.Zone);
        if (query is null)
        {
            return Problems.InvalidQuery(errors, "The report query is not valid");
        }
        var series = await cube.ReadAsync(query, ct, countRuns: true);
        // One dimension of workflow or repo, without buckets: the units of work of GET /api/units follow.
        if (query is { Bucket: SpendSeriesQuery.NoBucket, GroupBy: [var group] } && WorkUnits.Groups.Contains(group))
        {
            var unitsOf = WorkUnits.Of(group, await units.RowsAsync(query.Start!.Value, query.End!.Value, ct)).ToDictionary(u => u.Key, StringComparer.Ordinal);
            return TypedResults.Text(SpendCsv.Report(series, cube.Zone, UnitsCsv.Header, key => UnitsCsv.Cells(unitsOf.GetValueOrDefault(key))), "text/csv; charset=utf-8");
        }
        return TypedResults.Text(SpendCsv.Report(series, cube.Zone), "text/csv; charset=utf-8");
    }
}

// The query of GET /api/reports/spend.csv, so the OpenAPI document lists its parameters.
internal sealed record SpendCsvQuery(
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "groupBy")] string[]? GroupBy,
    [FromQuery(Name = "bucket")] string? Bucket,
    [FromQuery(Name = "team")] string? Team,
    [FromQuery(Name = "repo")] string? Repo,
    [FromQuery(Name = "workflow")] string? Workflow,
    [FromQuery(Name = "model")] string? Model,
    [FromQuery(Name = "provider")] string? Provider);
