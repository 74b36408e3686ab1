using Cronos;

namespace BudgetBot.Budgets;

internal readonly record struct BudgetPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    public static BudgetPeriod Containing(CronExpression cron, TimeZoneInfo zone, DateTimeOffset nowUtc)
    {
        var end = cron.GetNextOccurrence(nowUtc.UtcDateTime, zone)!.Value;
        var window = TimeSpan.FromDays(1);
        while (true)
        {
            var from = nowUtc.UtcDateTime - window;
            var last = cron.GetOccurrences(from, nowUtc.UtcDateTime, zone, true, true).LastOrDefault();
            if (last != default)
            {
                return new BudgetPeriod(new DateTimeOffset(last, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero));
            }
            window *= 2;
        }
    }
}
