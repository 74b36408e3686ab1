using System.Globalization;
using System.Text;
using BudgetBot.Budgets;

namespace BudgetBot.Slack;

// Figures and lists in Slack mrkdwn, shared by cards, replies, alerts and the digest. Money and the
// UTC fallback of dates come from Budgets.Formats, as in the PR comment.
internal static class SlackFormat
{
    private const int BarWidth = 10;

    public static string Usd(long micros) => Formats.Usd(micros);

    public static string Usd(decimal usd) => Formats.Usd(usd);

    public static string Plural(long n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    public static string Percent(decimal percent) => percent.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    // ▓▓▓▓▓░░░░░: one cell per 10%, rounded down, so the bar is full only once the budget is.
    public static string Bar(decimal percent)
    {
        var filled = (int)Math.Clamp(Math.Floor(percent / 10m), 0, BarWidth);
        return new string('▓', filled) + new string('░', BarWidth - filled);
    }

    // The bar with its whole percent: ▓▓▓▓▓░░░░░ 52%.
    public static string Gauge(decimal percent) =>
        Bar(percent) + " " + Math.Round(percent, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";

    // Slack renders the reader's local time; the fallback is UTC.
    public static string Date(DateTimeOffset at) =>
        $"<!date^{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}^{{date_short_pretty}} {{time}}|{Formats.Utc(at)}>";

    public static string Date(long ms) => Date(DateTimeOffset.FromUnixTimeMilliseconds(ms));

    // Joins at most maxLines lines while they fit in max characters, then says how many were left out.
    public static string Lines(IReadOnlyList<string> lines, int max, int maxLines = int.MaxValue)
    {
        const int Reserve = 32;
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = (text.Length == 0 ? "" : "\n") + lines[i];
            var reserve = i < lines.Count - 1 ? Reserve : 0;
            if (i == maxLines || text.Length + line.Length + reserve > max)
            {
                return text.Length == 0
                    ? SlackText.Truncate(lines[i], max)
                    : text.Append(CultureInfo.InvariantCulture, $"\n…and {lines.Count - i} more").ToString();
            }
            text.Append(line);
        }
        return text.ToString();
    }
}
