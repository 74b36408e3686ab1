using BudgetBot.Auth;
using BudgetBot.Operations;

namespace BudgetBot.Preflight;

internal static class PreflightEndpoints
{
    public static IEndpointRouteBuilder MapPreflight(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/preflight", async (HttpRequest http, PreflightService preflight, CancellationToken ct) =>
        {
            var (body, problem) = await Problems.ReadJsonAsync(http, ct);
            if (problem is not null)
            {
                return problem;
            }
            var (request, errors) = PreflightRequest.Read(body);
            return request is null
                ? Problems.Invalid(errors, "The pre-flight request is not valid")
                : Results.Ok(await preflight.DecideAsync(request, ct));
        })
        .RequireAuthorization(Scopes.Ingest)
        .WithName("Preflight")
        .WithSummary("May this run start? Hard budgets deny; otherwise the estimate is reserved until usage with the same runId arrives.");
        return app;
    }
}
