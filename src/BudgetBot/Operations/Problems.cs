using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Operations;

// RFC 7807 answers that list every problem found, never just the first.
internal static class Problems
{
    // A write that was refused: nothing of it was stored.
    public static ProblemHttpResult Invalid(IReadOnlyList<FieldError> errors, string title = "The request is not valid") =>
        Listing(errors, title, $"{errors.Count} problem(s) found; nothing was stored.");

    // A read-only query with bad parameters: there was nothing to store, so the detail does not say so.
    public static ProblemHttpResult InvalidQuery(IReadOnlyList<FieldError> errors, string title = "The query is not valid") =>
        Listing(errors, title, $"{errors.Count} problem(s) found in the query parameters.");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    // Reads the body as JSON, or answers why it cannot.
    public static async Task<(JsonElement Body, ProblemHttpResult? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            if (!JsonText.IsValid(doc.RootElement))
            {
                return (default, Invalid([new FieldError(0, "", JsonText.Problem)]));
            }
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, Invalid([new FieldError(0, "", "the body is not valid JSON: " + e.Message)]));
        }
    }

    private static ProblemHttpResult Listing(IReadOnlyList<FieldError> errors, string title, string detail) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: title,
            detail: detail,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new { index = e.Index, field = e.Field, message = e.Message }).ToList(),
            });
}

// One problem with one item of a request: which item (0 for a single body), which field, what is wrong.
// Every reader of a request body reports these, and Problems.Invalid lists them all.
internal sealed record FieldError(int Index, string Field, string Message);
