using System.Globalization;
using System.Text.RegularExpressions;

namespace BudgetBot.Budgets;

// The DESIGN §10 grammar, pure, shared by the Slack command and PR comments (GitHub). Amounts: "$1,500", "1500", "1.5k", "$2.5K" (at most cents).
internal static partial class BudgetCommandParser
{
    public const decimal MaxAmountUsd = 1_000_000m;
    public const int MaxDays = 365;

    public const string Usage =
        "*/budget* commands:\n" +
        "• `/budget status [budget|team]`: spend against budgets\n" +
        "• `/budget request <amount> [for <budget>] <reason>`: ask for more, e.g. `/budget request $1,500 for platform eval suite`\n" +
        "• `/budget experiment <amount> <days>d <name> [reason]`: a time-boxed allowance, e.g. `/budget experiment 500 7d try-o3 compare reviewers`\n" +
        "• `/budget requests`: pending requests\n" +
        "• `/budget help`: this help";

    public static BudgetCommand Parse(string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0 || t.Equals("help", StringComparison.OrdinalIgnoreCase))
        {
            return new HelpCommand();
        }
        if (Status().Match(t) is { Success: true } s)
        {
            return new StatusCommand(s.Groups["target"].Success ? s.Groups["target"].Value : null);
        }
        if (Requests().IsMatch(t))
        {
            return new ListRequestsCommand();
        }
        if (Request().Match(t) is { Success: true } r)
        {
            if (ParseAmount(r.Groups["amount"].Value) is not { } amount)
            {
                return AmountError(r.Groups["amount"].Value);
            }
            var reason = r.Groups["reason"].Value.Trim();
            return reason.Length == 0
                ? new ParseError("Say why you need it: `/budget request <amount> [for <budget>] <reason>`.")
                : new RequestCommand(amount, r.Groups["budget"].Success ? r.Groups["budget"].Value : null, reason);
        }
        if (Experiment().Match(t) is { Success: true } e)
        {
            if (ParseAmount(e.Groups["amount"].Value) is not { } amount)
            {
                return AmountError(e.Groups["amount"].Value);
            }
            if (!int.TryParse(e.Groups["days"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > MaxDays)
            {
                return new ParseError($"Days must be between 1 and {MaxDays}, written like `7d`.");
            }
            var name = e.Groups["name"].Value;
            if (!ExperimentName().IsMatch(name))
            {
                return new ParseError("An experiment name is 1 to 64 letters, digits, `.`, `_` or `-`.");
            }
            var reason = e.Groups["reason"].Value.Trim();
            return new ExperimentCommand(amount, days, name, reason.Length == 0 ? null : reason);
        }
        var verb = t.Split(' ', 2)[0];
        return verb.ToLowerInvariant() switch
        {
            "request" => new ParseError("Give an amount and a reason: `/budget request <amount> [for <budget>] <reason>`."),
            "experiment" => new ParseError("Give an amount, days and a name: `/budget experiment <amount> <days>d <name> [reason]`."),
            "status" => new ParseError("Status takes at most one budget or team: `/budget status [budget|team]`."),
            _ => new ParseError($"I don't know `{Truncate(verb)}`."),
        };
    }

    public static decimal? ParseAmount(string text)
    {
        var m = Amount().Match(text);
        if (!m.Success)
        {
            return null;
        }
        var number = decimal.Parse(m.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal) + (m.Groups["frac"].Success ? "." + m.Groups["frac"].Value : ""),
            NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var value = m.Groups["k"].Success ? number * 1000m : number;
        return value > 0 && value <= MaxAmountUsd && value == Math.Round(value, 2) ? value : null;
    }

    private static ParseError AmountError(string amount) =>
        new($"`{Truncate(amount)}` is not an amount: use dollars like `1500`, `$1,500` or `1.5k` (more than 0, at most $1,000,000, whole cents).");

    // The echoed word is cut to 40 characters and its &, < and > written as entities, which Slack's
    // mrkdwn and GitHub's Markdown (the two places a command is typed) both show as the character.
    private static string Truncate(string s)
    {
        var t = s.Replace("`", "'", StringComparison.Ordinal);
        t = t.Length <= 40 ? t : string.Concat(t.AsSpan(0, 39), "…");
        return t.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^status(?:\s+(?<target>\S+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Status();

    [GeneratedRegex(@"^requests$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Requests();

    [GeneratedRegex(@"^request\s+(?<amount>\S+)(?:\s+for\s+(?<budget>\S+))?(?:\s+(?<reason>.+))?$", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Request();

    [GeneratedRegex(@"^experiment\s+(?<amount>\S+)\s+(?<days>\d{1,4})d\s+(?<name>\S+)(?:\s+(?<reason>.+))?$", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Experiment();

    [GeneratedRegex(@"^\$?(?<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<frac>\d+))?(?<k>[kK])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExperimentName();
}
