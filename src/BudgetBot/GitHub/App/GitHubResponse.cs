using System.Text.Json;

namespace BudgetBot.GitHub;

// One answer from GitHub, reduced to what the senders decide on. Body is the parsed JSON (default
// when empty or not JSON).
internal sealed record GitHubResponse(
    int Status,
    JsonElement Body,
    TimeSpan? RetryAfter,
    long? RateLimitRemaining,
    DateTimeOffset? RateLimitReset)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string Message =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()! is var s && s.Length > 200 ? s[..200] : m.GetString()!
            : "";
}
