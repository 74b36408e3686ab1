using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetBot.Slack;

namespace BudgetBot.Demo;

// The Slack part of the demo, through the real signed endpoints: a developer asks for $500 on the
// platform budget, the team lead clicks Approve, and the budget's status shows the grant. No bot
// token is configured, so the card and the DM wait in the outbox; the preview prints them.
internal static class DemoSlack
{
    public const string Secret = "demo-signing-secret-not-for-production";

    public static async Task PlayAsync(HttpClient http, TextWriter output, DemoSteps step, DemoSlackPreview preview)
    {
        await step.NextAsync("Slack: U0DEV types /budget request $500 for platform eval suite for the Q2 launch");
        var answer = await PostSignedAsync(http, "/slack/commands", Form(("command", "/budget"),
            ("text", "request $500 for platform eval suite for the Q2 launch"), ("user_id", "U0DEV"), ("channel_id", "C0PLATFORM")));
        await output.WriteLineAsync("   " + JsonNode.Parse(answer)!["text"]!.GetValue<string>());
        await preview.PrintNewAsync();
        await PrintPlatformAsync(http, output, "before");
        await step.NextAsync("Slack: the lead U0LEAD1 clicks Approve on the card");
        var click = new JsonObject
        {
            ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = "U0LEAD1" }, ["trigger_id"] = "demo.trigger",
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = "C0PLATFORM", ["message_ts"] = "1.000001" },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = RequestCards.ApproveAction, ["value"] = "BR-1" }),
        };
        await PostSignedAsync(http, "/slack/interactivity", Form(("payload", click.ToJsonString())));
        await preview.PrintNewAsync();
        await PrintPlatformAsync(http, output, "after ");
    }

    private static async Task PrintPlatformAsync(HttpClient http, TextWriter output, string when)
    {
        var b = await http.GetFromJsonAsync<JsonElement>("/api/budgets/platform");
        await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, "   platform {0}: limit ${1:0.00} + granted ${2:0.00}, remaining ${3:0.00}",
            when, b.GetProperty("limitUsd").GetDecimal(), b.GetProperty("grantedUsd").GetDecimal(), b.GetProperty("remainingUsd").GetDecimal()));
    }

    private static async Task<string> PostSignedAsync(HttpClient http, string path, string body)
    {
        var ts = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(Secret, ts, bytes));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static string Form(params (string Key, string Value)[] fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
}
