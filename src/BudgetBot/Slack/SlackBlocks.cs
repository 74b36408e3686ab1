using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BudgetBot.Slack;

// The one Block Kit kit: builders that keep every block within Slack's documented limits (header
// ≤150, section text ≤3000, fields ≤10 of ≤2000, ≤50 blocks) so no message we render is refused for
// length. Callers escape user text; these only cut.
internal static class SlackBlocks
{
    public const int FieldTextMax = 2000;
    public const int FieldsMax = 10;
    public const int ContextElementsMax = 10;

    // Relaxed escaping keeps '<', '&' and non-ASCII readable in payloads and golden files; the JSON is
    // still valid and Slack reads it the same.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Plain(string text, int max, bool emoji = false)
    {
        var plain = new JsonObject { ["type"] = "plain_text", ["text"] = SlackText.Truncate(text, max) };
        if (emoji)
        {
            plain["emoji"] = true;
        }
        return plain;
    }

    public static JsonObject Mrkdwn(string text, int max = SlackText.SectionTextMax) => new() { ["type"] = "mrkdwn", ["text"] = SlackText.Truncate(text, max) };

    // Alerts turn emoji shortcodes in their headers into emoji; cards show their text as typed.
    public static JsonObject Header(string text, bool emoji = false) => new() { ["type"] = "header", ["text"] = Plain(text, SlackText.HeaderTextMax, emoji) };

    public static JsonObject Section(string text, string? blockId = null, IEnumerable<string>? fields = null)
    {
        var block = new JsonObject { ["type"] = "section" };
        if (blockId is not null)
        {
            block["block_id"] = blockId;
        }
        block["text"] = Mrkdwn(text);
        if (fields is not null)
        {
            block["fields"] = FieldArray(fields);
        }
        return block;
    }

    // A section of fields only (two columns in Slack).
    public static JsonObject Fields(IEnumerable<string> fields) => new() { ["type"] = "section", ["fields"] = FieldArray(fields) };

    public static JsonObject Context(params string[] elements) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(elements.Take(ContextElementsMax).Select(e => (JsonNode)Mrkdwn(e, FieldTextMax)).ToArray()),
    };

    public static JsonObject Divider() => new() { ["type"] = "divider" };

    public static JsonObject Button(string actionId, string text, string value, string? style, JsonObject? confirm = null)
    {
        var button = new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["text"] = Plain(text, SlackText.ButtonTextMax), ["value"] = value };
        if (style is not null)
        {
            button["style"] = style;
        }
        if (confirm is not null)
        {
            button["confirm"] = confirm;
        }
        return button;
    }

    public static JsonObject Confirm(string title, string text, string yes, string no) => new()
    {
        ["title"] = Plain(title, 100),
        ["text"] = Mrkdwn(text, 300),
        ["confirm"] = Plain(yes, 30),
        ["deny"] = Plain(no, 30),
    };

    // A message's text (the notification fallback) and blocks, for replies, cards and chat.update.
    public static JsonObject Message(string text, IEnumerable<JsonObject>? blocks = null)
    {
        var message = new JsonObject { ["text"] = SlackText.Truncate(text, SlackText.FallbackTextMax) };
        if (blocks is not null)
        {
            message["blocks"] = Blocks(blocks);
        }
        return message;
    }

    // chat.postMessage's JSON arguments exactly: channel, the notification fallback text, blocks.
    public static string PostMessage(string channel, string text, IEnumerable<JsonObject> blocks) => new JsonObject
    {
        ["channel"] = channel,
        ["text"] = SlackText.Truncate(text, SlackText.FallbackTextMax),
        ["blocks"] = Blocks(blocks),
    }.ToJsonString(Compact);

    // A link in mrkdwn; the label is escaped, the URL is already absolute and percent-encoded.
    public static string Link(Uri url, string label) => $"<{url.AbsoluteUri}|{SlackText.Escape(label)}>";

    public static string Users(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => $"<@{id}>"));

    // A quoted block of user text: escaped, cut, every line quoted.
    public static string Quote(string userText, int max = 500) =>
        ">" + SlackText.Escape(SlackText.Truncate(userText.Trim(), max)).Replace("\n", "\n>", StringComparison.Ordinal);

    private static JsonArray FieldArray(IEnumerable<string> fields) =>
        new(fields.Take(FieldsMax).Select(f => (JsonNode)Mrkdwn(f, FieldTextMax)).ToArray());

    private static JsonArray Blocks(IEnumerable<JsonObject> blocks) =>
        new(blocks.Take(SlackText.BlocksPerMessageMax).Select(b => (JsonNode)b).ToArray());
}
