using System.Globalization;
using System.Text;
using BudgetBot.Slack;

namespace BudgetBot.Alerts;

// Formatting shared by the alert and digest messages. Pure and culture-invariant, so golden files
// do not depend on the machine.
internal static class SlackFormat
{
    private const int BarWidth = 10;

    public static string Usd(long micros) => Usd(micros / 1_000_000m);

    public static string Usd(decimal usd) =>
        (usd < 0 ? "-$" : "$") + Math.Abs(usd).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Plural(long n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    public static string Percent(decimal percent) => percent.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    // ▓▓▓▓▓░░░░░ 52%: one cell per 10%, rounded down, full at 100% and beyond.
    public static string Bar(decimal percent)
    {
        var filled = (int)Math.Clamp(Math.Floor(percent / 10m), 0, BarWidth);
        return new string('▓', filled) + new string('░', BarWidth - filled) + " " + Math.Round(percent, 0, MidpointRounding.AwayFromZero)
            .ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    // Slack renders the reader's local time; the fallback is UTC.
    public static string Date(DateTimeOffset at) =>
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC>";

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
