using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace BudgetBot.Slack;

// A plain HttpClient over Slack's Web API: JSON bodies with charset for write methods, form bodies
// without charset for conversations.open and users.info (reference/slack.md §5).
internal sealed class SlackApiClient(IHttpClientFactory factory, IOptions<SlackOptions> options) : ISlackApi
{
    public const string HttpClientName = "slack";

    private static readonly HashSet<string> FormMethods = new(StringComparer.Ordinal) { "conversations.open", "users.info", "auth.test" };

    public async Task<JsonElement> CallAsync(string method, JsonObject args, CancellationToken ct)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(o.ApiBaseUrl), method));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.BotToken);
        request.Content = FormMethods.Contains(method)
            ? new FormUrlEncodedContent(args.Select(p => KeyValuePair.Create(p.Key, p.Value?.ToString() ?? "")))
            : new StringContent(args.ToJsonString(), Encoding.UTF8, "application/json");
        var client = factory.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new SlackRateLimitedException(method, response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
        response.EnsureSuccessStatusCode();
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var root = doc.RootElement.Clone();
        if (!root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
        {
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "unknown_error";
            throw new SlackApiException(method, error);
        }
        return root;
    }

    public async Task<string> PostMessageAsync(string channel, string text, JsonArray? blocks, CancellationToken ct) =>
        (await CallAsync("chat.postMessage", Args(("channel", channel), ("text", text), ("blocks", blocks)), ct)).GetProperty("ts").GetString()!;

    public Task UpdateMessageAsync(string channel, string ts, string text, JsonArray? blocks, CancellationToken ct) =>
        CallAsync("chat.update", Args(("channel", channel), ("ts", ts), ("text", text), ("blocks", blocks)), ct);

    public Task PostEphemeralAsync(string channel, string user, string text, CancellationToken ct) =>
        CallAsync("chat.postEphemeral", Args(("channel", channel), ("user", user), ("text", text)), ct);

    public Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken ct) =>
        CallAsync("views.open", Args(("trigger_id", triggerId), ("view", view)), ct);

    public async Task<string> OpenConversationAsync(string user, CancellationToken ct) =>
        (await CallAsync("conversations.open", Args(("users", user)), ct)).GetProperty("channel").GetProperty("id").GetString()!;

    public Task<JsonElement> UserInfoAsync(string user, CancellationToken ct) => CallAsync("users.info", Args(("user", user)), ct);

    public Task<JsonElement> AuthTestAsync(CancellationToken ct) => CallAsync("auth.test", [], ct);

    private static JsonObject Args(params (string Key, JsonNode? Value)[] pairs)
    {
        var args = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            if (value is not null)
            {
                args[key] = value.Parent is null ? value : value.DeepClone();
            }
        }
        return args;
    }
}
