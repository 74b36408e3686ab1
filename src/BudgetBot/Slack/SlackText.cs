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
}
