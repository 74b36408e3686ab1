using System.Text.Json;

namespace BudgetBot.Operations;

// RFC 7807 answers that list every problem found, never just the first.
internal static class Problems
{
    public static IResult Invalid(IReadOnlyList<FieldError> errors, string title = "The request is not valid") =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: title,
            detail: $"{errors.Count} problem(s) found; nothing was stored.",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new { index = e.Index, field = e.Field, message = e.Message }).ToList(),
            });

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    // Reads the body as JSON, or answers why it cannot.
    public static async Task<(JsonElement Body, IResult? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, Invalid([new FieldError(0, "", "the body is not valid JSON: " + e.Message)]));
        }
    }
}
