using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetBot.Slack;

namespace BudgetBot.Alerts;

// Small Block Kit builders that keep every block within Slack's documented limits
// (reference/slack.md §6): header ≤150, section text ≤3000, fields ≤10 of ≤2000, ≤50 blocks.
// Callers escape user text; these only cut to length.
internal static class BlockKit
{
    public const int FieldTextMax = 2000;
    public const int FieldsMax = 10;
    public const int ContextElementsMax = 10;

    // Relaxed escaping keeps '<', '&' and non-ASCII readable in payloads and golden files; the JSON is
    // still valid and Slack reads it the same.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = PlainText(SlackText.Truncate(text, SlackText.HeaderTextMax)),
    };

    public static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = Mrkdwn(SlackText.Truncate(mrkdwn, SlackText.SectionTextMax)),
    };

    public static JsonObject Fields(IEnumerable<string> fields) => new()
    {
        ["type"] = "section",
        ["fields"] = new JsonArray(fields.Take(FieldsMax).Select(f => (JsonNode)Mrkdwn(SlackText.Truncate(f, FieldTextMax))).ToArray()),
    };

    public static JsonObject Context(params string[] elements) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(elements.Take(ContextElementsMax).Select(e => (JsonNode)Mrkdwn(SlackText.Truncate(e, FieldTextMax))).ToArray()),
    };

    public static JsonObject Divider() => new() { ["type"] = "divider" };

    // chat.postMessage's JSON arguments exactly: channel, the notification fallback text, blocks.
    public static string PostMessage(string channel, string text, IReadOnlyList<JsonObject> blocks)
    {
        var message = new JsonObject
        {
            ["channel"] = channel,
            ["text"] = SlackText.Truncate(text, SlackText.FallbackTextMax),
            ["blocks"] = new JsonArray(blocks.Take(SlackText.BlocksPerMessageMax).Select(b => (JsonNode)b).ToArray()),
        };
        return message.ToJsonString(Compact);
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
