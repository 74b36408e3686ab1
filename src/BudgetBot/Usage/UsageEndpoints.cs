using BudgetBot.Auth;
using BudgetBot.Operations;

namespace BudgetBot.Usage;

internal static class UsageEndpoints
{
    public static IEndpointRouteBuilder MapUsage(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/usage", async (HttpRequest request, UsageIngestor ingestor, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, problem) = await Problems.ReadJsonAsync(request, ct);
            if (problem is not null)
            {
                return problem;
            }
            var (events, errors) = UsageEventReader.Read(body, clock.GetUtcNow());
            if (errors.Count > 0)
            {
                return Problems.Invalid(errors, "The usage batch is not valid");
            }
            var result = await ingestor.IngestAsync(events, ct);
            return Results.Ok(new { accepted = result.Accepted, duplicates = result.Duplicates });
        })
        .RequireAuthorization(Scopes.Ingest)
        .WithName("PostUsage")
        .WithSummary("Report usage events: one event or {\"events\": [...]}, all or nothing, idempotent on source + id.");
        return app;
    }
}
