using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace BudgetBot.Slack;

// The shell around the pure verifier: reads the raw body once, verifies it against the headers and
// the clock, and answers 503 (Slack not configured) or 401 (refused) before anything else runs.
internal sealed partial class SlackRequestReader(IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackRequestReader> logger)
{
    public const int MaxBodyBytes = 256 * 1024;

    public async Task<(byte[] Body, IResult? Refusal)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var secret = options.Value.SigningSecret;
        if (!options.Value.CanVerify)
        {
            return ([], Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Slack is not configured",
                detail: "Set Slack:SigningSecret to accept requests from Slack; unsigned requests are never accepted."));
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes)
        {
            return ([], Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }
        var body = buffer.ToArray();
        var result = SlackSignature.Verify(secret, request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], body, clock.GetUtcNow());
        if (!result.IsValid)
        {
            LogRefused(logger, request.Path, result.Failure);
            return (body, Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid Slack signature"));
        }
        return (body, null);
    }

    public static string SignatureOf(HttpRequest request) => request.Headers["X-Slack-Signature"].ToString();

    // Null for anything that is not JSON (malformed, too deep, not UTF-8): the caller answers 400.
    public static System.Text.Json.Nodes.JsonNode? ParseJson(string text)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(text);
            return BudgetBot.Operations.JsonText.IsValid(doc.RootElement) ? System.Text.Json.Nodes.JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static System.Text.Json.Nodes.JsonNode? ParseJson(byte[] body)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            return BudgetBot.Operations.JsonText.IsValid(doc.RootElement) ? System.Text.Json.Nodes.JsonNode.Parse(body) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static Dictionary<string, StringValues> Form(byte[] body) => QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Refused a Slack request to {Path}: {Failure}")]
    private static partial void LogRefused(ILogger logger, string path, SlackSignatureFailure failure);
}
