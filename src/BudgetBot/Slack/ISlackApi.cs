using System.Text.Json;
using System.Text.Json.Nodes;

namespace BudgetBot.Slack;

// Our whole Slack Web API surface: every call goes through the outbox sender (the method is the
// outbox row's kind). ok:false throws SlackApiException, a 429 throws SlackRateLimitedException
// carrying Retry-After, and 5xx or network trouble surfaces as HttpRequestException.
internal interface ISlackApi
{
    Task<JsonElement> CallAsync(string method, JsonObject args, CancellationToken ct);

    Task<string> OpenConversationAsync(string user, CancellationToken ct);
}
