using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BudgetBot.Outbox;
using BudgetBot.Slack;
using BudgetBot.Storage;
using Dapper;
using BudgetBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.Slack;

// The real service configured for Slack against FakeSlackApi, with helpers that sign requests
// exactly as Slack does.
internal static class SlackTestApp
{
    public const string Secret = "test-signing-secret-0123456789abcdef";

    public static TestApp Create(FakeSlackApi fake, bool configured = true, string? databasePath = null) => new(databasePath: databasePath, settings: configured
        ? new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Secret, ["Slack:BotToken"] = "xoxb-test", ["Slack:ApiBaseUrl"] = "http://slack.test/api/",
        }
        : new Dictionary<string, string?>())
    {
        ConfigureTestServices = services => services.AddHttpClient(SlackApiClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => fake),
    };

    public static Task<HttpResponseMessage> PostSignedAsync(this TestApp app, string path, string body, string contentType, long? timestamp = null, string? secret = null)
    {
        var ts = (timestamp ?? app.Clock.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(secret ?? Secret, ts, bytes));
        return app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> CommandAsync(this TestApp app, string user, string text, string channel = "C0PLATFORM", long? timestamp = null) =>
        app.PostSignedAsync("/slack/commands", Form(("command", "/budget"), ("text", text), ("user_id", user), ("channel_id", channel),
            ("trigger_id", "111.222.abc"), ("team_id", "T1")), "application/x-www-form-urlencoded", timestamp);

    public static long SignedAt(DateTimeOffset at) => at.ToUnixTimeSeconds();

    // actionTs: Slack stamps every real click with its own action_ts, so two clicks are never
    // byte-identical; without it, the same click sent twice is a replay (SlackReplays).
    public static Task<HttpResponseMessage> ClickAsync(this TestApp app, string user, string action, string requestId, string ts = "1773230400.000101", string? actionTs = null) =>
        app.PostSignedAsync("/slack/interactivity", Form(("payload", new JsonObject
        {
            ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = user }, ["trigger_id"] = "333.444.xyz",
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = "C0PLATFORM", ["message_ts"] = ts },
            ["actions"] = new JsonArray(actionTs is null
                ? new JsonObject { ["type"] = "button", ["action_id"] = action, ["value"] = requestId }
                : new JsonObject { ["type"] = "button", ["action_id"] = action, ["value"] = requestId, ["action_ts"] = actionTs }),
        }.ToJsonString())), "application/x-www-form-urlencoded");

    public static Task<HttpResponseMessage> SubmitDenyAsync(this TestApp app, string user, string metadata, string? reason) =>
        app.PostSignedAsync("/slack/interactivity", Form(("payload", new JsonObject
        {
            ["type"] = "view_submission", ["user"] = new JsonObject { ["id"] = user },
            ["view"] = new JsonObject
            {
                ["callback_id"] = "budget_deny_reason", ["private_metadata"] = metadata,
                ["state"] = new JsonObject { ["values"] = new JsonObject { ["deny_reason"] = new JsonObject { ["reason"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = reason } } } },
            },
        }.ToJsonString())), "application/x-www-form-urlencoded");

    // The hosted worker may hold a row under its lease while DrainAsync runs: wait until nothing due
    // is left pending, so assertions see every call.
    public static async Task DrainAsync(this TestApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 500; i++)
        {
            await app.Get<OutboxWorker>().DrainAsync(ct);
            var due = await app.Get<Database>().ReadAsync(c => c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM outbox_messages WHERE state = 'pending' AND due_at_ms <= @Now",
                new { Now = app.Clock.GetUtcNow().ToUnixTimeMilliseconds() }), ct);
            if (due == 0)
            {
                return;
            }
            await Task.Delay(20, ct);
        }
        Assert.Fail("the outbox did not drain");
    }

    public static string Form(params (string Key, string Value)[] fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
}
