using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace BudgetBot.Operations;

// Response and body metadata for /openapi/v1.json, for what TypedResults cannot declare themselves:
// problem details raised by middleware (401, 403, 413) or returned as ProblemHttpResult (400, 404, 503).
internal static class EndpointDescriptions
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ProblemJson));
        }
        return builder;
    }

    // A body the handler reads itself: its schema (JSON in the document), and the 400 and 413 every such
    // body can meet. No content types are declared, on purpose: declared ones make routing answer 415 to
    // any other Content-Type, and these routes have always read the body whatever its Content-Type said.
    public static TBuilder AcceptsJson<TBuilder>(this TBuilder builder, Type body) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AcceptsMetadata([], body))
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);

    // A response that is not JSON (CSV, Markdown): a string in that media type.
    public static RouteHandlerBuilder ProducesText(this RouteHandlerBuilder builder, string mediaType) =>
        builder.Produces<string>(StatusCodes.Status200OK, mediaType);
}
