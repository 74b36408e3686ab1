using BudgetBot.Auth;
using BudgetBot.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Budgets;

internal static class BudgetEndpoints
{
    public static IEndpointRouteBuilder MapBudgets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/budgets").RequireScope(Scopes.Read).WithTags("Budgets");
        group.MapGet("/", ListBudgets)
            .WithName("ListBudgets").WithSummary("Every budget's status in its current period.");
        group.MapGet("/{id}", GetBudget)
            .ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("GetBudget").WithSummary("One budget's status.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<BudgetStatus>>> ListBudgets(BudgetStatusService budgets, CancellationToken ct) =>
        TypedResults.Ok(await budgets.AllAsync(ct));

    public static async Task<Results<Ok<BudgetStatus>, ProblemHttpResult>> GetBudget(string id, BudgetStatusService budgets, CancellationToken ct) =>
        await budgets.FindAsync(id, ct) is { } status ? TypedResults.Ok(status) : Problems.NotFound($"No budget '{id}'.");
}
