namespace BudgetBot.Slack;

// Slack's mrkdwn escaping and Block Kit limits (docs/reference/slack.md): user text is escaped for &, <
// and >, and cut to the field's limit with an ellipsis rather than rejected by Slack.
internal static class SlackText
{
    public const int SectionTextMax = 3000;
    public const int HeaderTextMax = 150;
    public const int ButtonTextMax = 75;
    public const int BlocksPerMessageMax = 50;
    public const int FallbackTextMax = 4000;

    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    // A string field of a payload Slack (or a stranger) sent, or null when it is absent, not a
    // string, or not valid UTF-16 (an escaped lone surrogate): never an exception on bad input.
    public static string? Of(System.Text.Json.Nodes.JsonNode? node)
    {
        if (node is not System.Text.Json.Nodes.JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return null;
        }
        try
        {
            return value.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // The string at a path of object keys, or null when any step is missing or not an object.
    public static string? At(System.Text.Json.Nodes.JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is System.Text.Json.Nodes.JsonObject o ? o[key] : null;
        }
        return Of(node);
    }
}
