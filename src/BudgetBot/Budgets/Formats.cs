using System.Globalization;

namespace BudgetBot.Budgets;

// Money and times as every message shows them: the PR comment's Markdown, Slack cards, alerts and
// the digest. Culture-invariant, so golden files do not depend on the machine.
internal static class Formats
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Cents for anything a person would round to cents; four places below a cent, so a cheap run
    // does not read as free. The sign goes before the dollar: -$5.00.
    public static string Usd(long micros)
    {
        var usd = Money.FromMicros(micros);
        var sign = usd < 0 ? "-" : "";
        usd = Math.Abs(usd);
        return usd is > 0 and < 0.01m ? $"{sign}${usd.ToString("0.0000", Invariant)}" : $"{sign}${usd.ToString("#,0.00", Invariant)}";
    }

    public static string Usd(decimal usd) => Usd(Money.ToMicros(usd));

    // A moment to the minute, in UTC, spelled so (2026-04-01 00:00 UTC).
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);
}
