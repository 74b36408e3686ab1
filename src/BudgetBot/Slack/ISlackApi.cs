using System.Text.Json;
using System.Text.Json.Nodes;

namespace BudgetBot.Slack;

// Our whole Slack Web API surface (reference/slack.md §5). ok:false throws SlackApiException, a 429
// throws SlackRateLimitedException carrying Retry-After, and 5xx or network trouble surfaces as
// HttpRequestException. Everything but views.open is normally reached through the outbox.
internal interface ISlackApi
{
    Task<JsonElement> CallAsync(string method, JsonObject args, CancellationToken ct);

    Task<string> PostMessageAsync(string channel, string text, JsonArray? blocks, CancellationToken ct);

    Task UpdateMessageAsync(string channel, string ts, string text, JsonArray? blocks, CancellationToken ct);

    Task PostEphemeralAsync(string channel, string user, string text, CancellationToken ct);

    Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken ct);

    Task<string> OpenConversationAsync(string user, CancellationToken ct);

    Task<JsonElement> UserInfoAsync(string user, CancellationToken ct);

    Task<JsonElement> AuthTestAsync(CancellationToken ct);
}
