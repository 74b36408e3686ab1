using Cronos;

namespace BudgetBot.Scheduling;

// Pure occurrence arithmetic over Cronos, which owns the DST rules: a skipped local time runs once at
// the shifted instant, a repeated local time runs once.
internal static class Occurrences
{
    // The latest occurrence in (after, upTo], searched backwards in doubling windows so that a long
    // outage under a frequent cron does not enumerate every missed minute.
    public static DateTimeOffset? Latest(CronExpression cron, TimeZoneInfo zone, DateTimeOffset after, DateTimeOffset upTo)
    {
        if (upTo <= after)
        {
            return null;
        }
        var window = TimeSpan.FromHours(1);
        while (true)
        {
            var from = upTo - window > after ? upTo - window : after;
            var last = cron.GetOccurrences(from.UtcDateTime, upTo.UtcDateTime, zone, fromInclusive: false, toInclusive: true).LastOrDefault();
            if (last != default)
            {
                return new DateTimeOffset(last, TimeSpan.Zero);
            }
            if (from == after)
            {
                return null;
            }
            window *= 2;
        }
    }

    public static DateTimeOffset? Next(CronExpression cron, TimeZoneInfo zone, DateTimeOffset after) =>
        cron.GetNextOccurrence(after.UtcDateTime, zone) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;
}
