namespace BudgetBot.Slack;

// What a Slack endpoint answered, kept so a replay of the same signed request gets it again.
internal sealed record SlackAnswer(int Status, string? ContentType, string Body)
{
    public const string Json = "application/json; charset=utf-8";

    public static readonly SlackAnswer Empty = new(StatusCodes.Status200OK, null, "");

    public static SlackAnswer Of(System.Text.Json.Nodes.JsonNode json) => new(StatusCodes.Status200OK, Json, json.ToJsonString());

    public static SlackAnswer BadRequest(string detail) => new(
        StatusCodes.Status400BadRequest, "application/problem+json",
        System.Text.Json.JsonSerializer.Serialize(new { type = "https://tools.ietf.org/html/rfc9110#section-15.5.1", title = "Bad Slack request", status = 400, detail }));

    public IResult ToResult() => Body.Length == 0 && ContentType is null ? Results.StatusCode(Status) : Results.Text(Body, ContentType, null, Status);
}
