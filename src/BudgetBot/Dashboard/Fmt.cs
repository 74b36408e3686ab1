using System.Globalization;
using BudgetBot.Budgets;

namespace BudgetBot.Dashboard;

// Figures as the pages print them: dollars with cents, dates in the policy's time zone.
internal static class Fmt
{
    public static string Usd(decimal usd) => usd.ToString("$#,##0.00;-$#,##0.00", CultureInfo.InvariantCulture);

    public static string UsdMicros(long micros) => Usd(Money.FromMicros(micros));

    public static string Date(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string DateMs(long ms, TimeZoneInfo zone) => Date(DateTimeOffset.FromUnixTimeMilliseconds(ms), zone);
}
