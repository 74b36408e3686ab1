using BudgetBot.Auth;
using BudgetBot.Operations;

namespace BudgetBot.Budgets;

internal static class BudgetEndpoints
{
    public static IEndpointRouteBuilder MapBudgets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/budgets").RequireAuthorization(Scopes.Read);
        group.MapGet("/", (BudgetStatusService budgets, CancellationToken ct) => budgets.AllAsync(ct))
            .WithName("ListBudgets").WithSummary("Every budget's status in its current period.");
        group.MapGet("/{id}", async (string id, BudgetStatusService budgets, CancellationToken ct) =>
                await budgets.FindAsync(id, ct) is { } status ? Results.Ok(status) : Problems.NotFound($"No budget '{id}'."))
            .WithName("GetBudget").WithSummary("One budget's status.");
        return app;
    }
}
