using BudgetBot.Auth;
using BudgetBot.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace BudgetBot.Usage;

internal static class UsageEndpoints
{
    public static IEndpointRouteBuilder MapUsage(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/usage", PostUsage)
            .RequireScope(Scopes.Ingest)
            .AcceptsJson(typeof(UsageEventBody))
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                DescribeOneOrBatch(operation);
                return Task.CompletedTask;
            })
            .WithTags("Usage")
            .WithName("PostUsage")
            .WithSummary("Report usage events: one event or {\"events\": [...]}, all or nothing, idempotent on source + id.");
        return app;
    }

    public static async Task<Results<Ok<IngestResult>, ProblemHttpResult>> PostUsage(JsonBody<UsageBatch> body, UsageIngestor ingestor, CancellationToken ct)
    {
        if (!body.IsValid)
        {
            return body.Problem;
        }
        return TypedResults.Ok(await ingestor.IngestAsync(body.Value.Events, ct));
    }

    // The body is one event or {"events": [...]}: exactly one of the two matches, since an event has no
    // `events` field and a batch has none of an event's required fields.
    private static void DescribeOneOrBatch(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) is not true || media.Schema is not { } one)
        {
            return;
        }
        var batch = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A batch: all events are stored or none.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "events" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["events"] = new OpenApiSchema { Type = JsonSchemaType.Array, MinItems = 1, MaxItems = UsageEventReader.MaxBatch, Items = one },
            },
        };
        media.Schema = new OpenApiSchema { OneOf = [one, batch] };
    }
}
