using System.Buffers;
using System.Globalization;
using BudgetBot.Budgets;

namespace BudgetBot.GitHub;

// Number and text formatting for GitHub Markdown, invariant culture throughout.
internal static class Markdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly SearchValues<char> Unsafe = SearchValues.Create("\r\n&<>|@`");

    // Money and times as Slack shows them too (Budgets.Formats).
    public static string Usd(long micros) => Formats.Usd(micros);

    public static string Usd(decimal usd) => Formats.Usd(usd);

    public static string Tokens(long n) => n switch
    {
        < 1_000 => n.ToString(Invariant),
        < 1_000_000 => (n / 1_000m).ToString("0.#", Invariant) + "k",
        < 1_000_000_000 => (n / 1_000_000m).ToString("0.##", Invariant) + "M",
        _ => (n / 1_000_000_000m).ToString("0.##", Invariant) + "B",
    };

    public static string Percent(decimal ratio) => (ratio * 100m).ToString("0.0", Invariant) + "%";

    public static string Number(decimal n, string format = "0.0") => n.ToString(format, Invariant);

    public static string When(DateTimeOffset t) => Formats.Utc(t);

    // Workflow and model names come from usage reports: keep them from breaking a table or
    // injecting HTML or mentions.
    public static string Cell(string text)
    {
        // Most names need nothing: return them without six replacements (a comment has hundreds of cells).
        if (text.Length <= 80 && text.AsSpan().IndexOfAny(Unsafe) < 0)
        {
            return text;
        }
        var clean = text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        clean = clean.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("@", "@\u200b", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
        return clean.Length > 80 ? clean[..79] + "…" : clean;
    }

    public static string Code(string text) => "`" + Cell(text) + "`";

    public static string List(IReadOnlyList<string> items, int max = 4) =>
        items.Count <= max
            ? string.Join(", ", items.Select(Cell))
            : string.Join(", ", items.Take(max).Select(Cell)) + $" +{items.Count - max} more";
}
