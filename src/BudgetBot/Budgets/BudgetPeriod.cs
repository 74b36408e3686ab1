using Cronos;

namespace BudgetBot.Budgets;

// One period of a budget (DESIGN §1): from one occurrence of its cron expression (inclusive) to the
// next (exclusive), evaluated in the policy's time zone and returned in UTC. Pure: `now` is an argument.
internal readonly record struct BudgetPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    // About ten years: covers the eight-year gap between leap days around 2100 ("0 0 29 2 *").
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(3653);

    // Not always a whole number of days: a monthly period across a DST change is an hour short or long.
    public TimeSpan Length => End - Start;

    // 0 at Start, 1 at End, clamped outside; what a projection scales spend-so-far by.
    public double ElapsedFraction(DateTimeOffset now) => Math.Clamp((now - Start) / Length, 0d, 1d);

    public static BudgetPeriod Containing(CronExpression cron, TimeZoneInfo zone, DateTimeOffset nowUtc)
    {
        var end = cron.GetNextOccurrence(nowUtc, zone, inclusive: false)
            ?? throw new InvalidOperationException($"Cron expression \"{cron}\" has no occurrence after {nowUtc:O}.");
        var start = LatestAtOrBefore(cron, zone, nowUtc)
            ?? throw new InvalidOperationException($"Cron expression \"{cron}\" has no occurrence in the ten years up to {nowUtc:O}.");
        return new BudgetPeriod(start.ToUniversalTime(), end.ToUniversalTime());
    }

    // Not Cronos's GetPreviousOccurrence: across a spring-forward gap it answers the last second before
    // the gap (00:59:59Z for Berlin's missing 02:30 on 2026-03-29) while GetNextOccurrence and
    // GetOccurrences fire at the transition (01:00Z), so Start would not be the occurrence before End.
    // GetOccurrences shares GetNextOccurrence's rules. Windows are disjoint and double in length, so the
    // work stays proportional to the distance back to the occurrence.
    private static DateTimeOffset? LatestAtOrBefore(CronExpression cron, TimeZoneInfo zone, DateTimeOffset now)
    {
        for (TimeSpan near = TimeSpan.Zero, far = TimeSpan.FromMinutes(1); near < Horizon; (near, far) = (far, far * 2))
        {
            var latest = cron
                .GetOccurrences(now - far, now - near, zone, fromInclusive: true, toInclusive: true)
                .Select(occurrence => (DateTimeOffset?)occurrence)
                .LastOrDefault();
            if (latest is not null)
            {
                return latest;
            }
        }

        return null;
    }
}
