using System.Globalization;
using System.Text.Json.Nodes;

namespace BudgetBot.Slack;

// Block Kit builders that enforce the documented limits (reference/slack.md §6) so no message we
// render is refused for length. Callers escape user text; these only cut.
internal static class SlackBlocks
{
    public static JsonObject Plain(string text, int max) => new() { ["type"] = "plain_text", ["text"] = SlackText.Truncate(text, max) };

    public static JsonObject Mrkdwn(string text, int max = SlackText.SectionTextMax) => new() { ["type"] = "mrkdwn", ["text"] = SlackText.Truncate(text, max) };

    public static JsonObject Header(string text) => new() { ["type"] = "header", ["text"] = Plain(text, SlackText.HeaderTextMax) };

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
            block["fields"] = new JsonArray(fields.Take(10).Select(f => (JsonNode)Mrkdwn(f, 2000)).ToArray());
        }
        return block;
    }

    public static JsonObject Context(string text) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn(text)),
    };

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

    public static JsonObject Message(string text, IEnumerable<JsonObject>? blocks = null)
    {
        var message = new JsonObject { ["text"] = SlackText.Truncate(text, SlackText.FallbackTextMax) };
        if (blocks is not null)
        {
            message["blocks"] = new JsonArray(blocks.Take(SlackText.BlocksPerMessageMax).Select(b => (JsonNode)b).ToArray());
        }
        return message;
    }

    public static string Usd(decimal usd) => "$" + usd.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string UsdMicros(long micros) => Usd(Pricing.Money.FromMicros(micros));

    public static string Date(DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture,
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC>");

    public static string Date(long ms) => Date(DateTimeOffset.FromUnixTimeMilliseconds(ms));

    public static string Users(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => $"<@{id}>"));

    // A quoted block of user text: escaped, cut, every line quoted.
    public static string Quote(string userText, int max = 500) =>
        ">" + SlackText.Escape(SlackText.Truncate(userText.Trim(), max)).Replace("\n", "\n>", StringComparison.Ordinal);

    public static string Bar(decimal percent)
    {
        var filled = (int)Math.Clamp(Math.Round(percent / 10m, MidpointRounding.AwayFromZero), 0, 10);
        return "`" + new string('█', filled) + new string('░', 10 - filled) + "`";
    }
}
