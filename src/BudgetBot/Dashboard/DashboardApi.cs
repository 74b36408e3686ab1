using System.Globalization;
using BudgetBot.Auth;
using BudgetBot.Budgets;
using BudgetBot.Operations;
using BudgetBot.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Dashboard;

// The dashboard's data as API routes: the audit ledger, and the spend series as CSV (several
// groupBy dimensions, day buckets in the policy's time zone), for a token or the signed-in page.
internal static class DashboardApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", AuditAsync).RequireScope(Scopes.Read)
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithTags("Reports")
            .WithName("Audit").WithSummary("The audit ledger, newest first, searchable with q (actor, action, subject or detail).");
        app.MapGet("/api/reports/spend-series.csv", SpendCsvAsync).RequireScope(Scopes.Read)
            .ProducesText("text/csv")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithTags("Reports")
            .WithName("SpendSeriesCsv").WithSummary("Spend per day or hour bucket of the policy's time zone, grouped by one or more of team, repo, workflow, model, provider.");
        // An IResult handler, not the typed one: .NET 10 answers 401 instead of the sign-in redirect on
        // endpoints whose typed results mark them as an API.
        // The page's download is narrowed to the signed-in viewer's teams as the page is.
        app.MapGet("/dashboard/spend.csv", async (HttpRequest request, SpendCube cube, IPolicyProvider policy, TimeProvider clock, CancellationToken ct) =>
            (await SeriesCsvAsync(request, cube, clock, DashboardViewer.Of(request.HttpContext.User, policy.Current), ct)).Result)
            .RequireAuthorization(DashboardExtensions.Policy).ExcludeFromDescription();
    }

    internal static async Task<Results<Ok<List<AuditEntry>>, ProblemHttpResult>> AuditAsync(string? q, string? from, string? to, int? limit, LedgerReader ledger, SpendCube cube, TimeProvider clock, CancellationToken ct)
    {
        var today = Zoned.DayOf(clock.GetUtcNow(), cube.Zone);
        var (query, errors) = SpendSeriesQuery.Parse(from ?? today.AddDays(-SpendSeriesQuery.MaxDays + 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to, null, null,
            new Dictionary<string, string?>(), today);
        var problems = errors.ToList();
        if (limit is < 1 or > LedgerReader.MaxRows)
        {
            problems.Add(new FieldError(0, "limit", $"limit must be between 1 and {LedgerReader.MaxRows}."));
        }
        if (problems.Count > 0 || query is null)
        {
            return Problems.InvalidQuery(problems, "The audit query is not valid");
        }
        var rows = await ledger.AuditAsync(q, Zoned.StartOfDay(query.From, cube.Zone), Zoned.StartOfDay(query.To.AddDays(1), cube.Zone), limit ?? 100, ct);
        return TypedResults.Ok(rows.Select(r => new AuditEntry(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Actor, r.Action, r.Subject, r.Detail)).ToList());
    }

    // The API (a bearer token of scope read) sees every team; the dashboard's download passes its viewer.
    internal static Task<Results<ContentHttpResult, ProblemHttpResult>> SpendCsvAsync(HttpRequest request, SpendCube cube, TimeProvider clock, CancellationToken ct) =>
        SeriesCsvAsync(request, cube, clock, null, ct);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> SeriesCsvAsync(
        HttpRequest request, SpendCube cube, TimeProvider clock, DashboardViewer? viewer, CancellationToken ct)
    {
        var (query, errors) = SpendSeriesQuery.FromPage(request.Query, Zoned.DayOf(clock.GetUtcNow(), cube.Zone));
        if (query is null)
        {
            return Problems.InvalidQuery(errors, "The spend query is not valid");
        }
        return TypedResults.Text(SpendCsv.Series(await cube.ReadAsync(viewer?.Narrow(query) ?? query, ct), cube.Zone), "text/csv; charset=utf-8");
    }
}

// One entry of GET /api/audit.
internal sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Subject, string? Detail);
