using BudgetBot.Auth;
using BudgetBot.Budgets;
using BudgetBot.Operations;
using BudgetBot.Usage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BudgetBot.Routing;

// GET /api/routing: Count is the number of workflows answered; an unknown workflow answers 0 and an empty list.
internal sealed record RoutingAnswer(DateTimeOffset From, DateTimeOffset To, int Count, IReadOnlyList<WorkflowRouting> Workflows);

internal sealed record RoutingQuery(
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "workflow")] string? Workflow);

// Model mix and what-ifs per workflow (docs/decisions/routing-advice.md); the digest asks per team.
internal sealed class RoutingService(RoutingStore store, IPolicyProvider policy, PriceCatalogProvider catalog)
{
    public async Task<IReadOnlyList<WorkflowRouting>> AdviseAsync(DateTimeOffset from, DateTimeOffset to, string? workflow, string? team, CancellationToken ct) =>
        RoutingAdvisor.Of(await store.RowsAsync(from, to, workflow, team, ct), policy.Current, catalog.Current);
}

internal static class RoutingExtensions
{
    public static IHostApplicationBuilder AddRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RoutingStore>();
        builder.Services.AddSingleton<IUsageWriteHook, RoutingRollup>();
        builder.Services.AddSingleton<RoutingService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRouting(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/routing", Routing)
            .RequireScope(Scopes.Read)
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .WithTags("Routing")
            .WithName("Routing")
            .WithSummary("Per workflow the model mix (share of tokens and dollars per model) and, under a policy routing rule, the same tokens " +
                "priced on each cheaper preferred model of the same maker, between from and to (RFC 3339 or yyyy-MM-dd, UTC; whole hours).");
        return app;
    }

    public static async Task<Results<Ok<RoutingAnswer>, ProblemHttpResult>> Routing(
        [AsParameters] RoutingQuery query, RoutingService routing, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var (from, to) = InstantRange.Read(query.From, query.To, clock.GetUtcNow(), errors);
        if (errors.Count > 0)
        {
            return Problems.InvalidQuery(errors, "The routing query is not valid");
        }
        var workflow = string.IsNullOrWhiteSpace(query.Workflow) ? null : query.Workflow.Trim();
        var workflows = await routing.AdviseAsync(from, to, workflow, null, ct);
        return TypedResults.Ok(new RoutingAnswer(from, to, workflows.Count, workflows));
    }
}
