using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace BudgetBot.Slack;

// A plain HttpClient over Slack's Web API: JSON bodies with charset for write methods, form bodies
// without charset for conversations.open, users.info and auth.test (Slack's documented encodings).
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

    public async Task<string> OpenConversationAsync(string user, CancellationToken ct) =>
        (await CallAsync("conversations.open", Args(("users", user)), ct)).GetProperty("channel").GetProperty("id").GetString()!;

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
