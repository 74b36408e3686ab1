using BudgetBot.Auth;
using BudgetBot.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Preflight;

internal static class PreflightEndpoints
{
    public static IEndpointRouteBuilder MapPreflight(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/preflight", Preflight)
            .RequireScope(Scopes.Ingest)
            .AcceptsJson(typeof(PreflightBody))
            .WithTags("Preflight")
            .WithName("Preflight")
            .WithSummary("May this run start? Hard budgets deny; otherwise the estimate is reserved until usage with the same runId arrives.");
        return app;
    }

    public static async Task<Results<Ok<PreflightDecision>, ProblemHttpResult>> Preflight(JsonBody<PreflightRequest> body, PreflightService preflight, CancellationToken ct)
    {
        if (!body.IsValid)
        {
            return body.Problem;
        }
        return TypedResults.Ok(await preflight.DecideAsync(body.Value, ct));
    }
}
