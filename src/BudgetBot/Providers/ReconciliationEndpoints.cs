using BudgetBot.Auth;
using BudgetBot.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Providers;

internal static class ReconciliationEndpoints
{
    public static IEndpointRouteBuilder MapProviderReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/reconciliation", GetReconciliation)
            .RequireScope(Scopes.Read)
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithTags("Reports")
            .WithName("GetReconciliation")
            .WithSummary("Provider bills against reported usage per provider, UTC day and account: from (inclusive) and to (exclusive) as YYYY-MM-DD.");
        return app;
    }

    public static async Task<Results<Ok<ReconciliationReport>, ProblemHttpResult>> GetReconciliation(
        [AsParameters] ReconciliationQuery query, ReconciliationStore store, TimeProvider clock, CancellationToken ct)
    {
        var (start, end, errors) = query.Read(clock.GetUtcNow());
        if (errors.Count > 0)
        {
            return Problems.InvalidQuery(errors, "The reconciliation query is not valid");
        }
        var rows = await store.RangeAsync(ReconciliationPlanner.DayMs(start), ReconciliationPlanner.DayMs(end), ct);
        return TypedResults.Ok(ReconciliationReport.Build(start, end, rows));
    }
}
