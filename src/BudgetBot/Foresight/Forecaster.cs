namespace BudgetBot.Foresight;

// What a scope spent on one UTC day, in micro-dollars.
internal readonly record struct DailySpend(DateOnly Day, long Micros);

// Where a budget's period is heading: the spend at its end and, if that passes the limit, when.
internal sealed record BudgetForecast(long ForecastMicros, DateTimeOffset? ExhaustsAt);

// A forecast of a period's end spend that weighs recent days more and knows workdays from weekends
// (docs/decisions/forecast-method.md, backtested in docs/forecast.md). Pure: history, now and the
// period are arguments.
//  1. A profile: the mean spend of workdays and of weekend days over the history, each relative to
//     the overall mean (two groups, not seven weekdays: four samples a weekday are mostly noise).
//  2. A daily rate: the exponentially weighted mean (alpha 0.07, the newest day weighs most) of the
//     complete days' spend divided by their day's factor.
//  3. The rest of the period, day by day (today's remainder and a final partial day in proportion to
//     their hours): Weight x rate x that day's factor + (1 - Weight) x the straight line's daily rate
//     (spend so far over time elapsed). Weight is 0.6 with 28 days of history, shrinking toward the
//     straight line in proportion when history is shorter; 1 before a day of the period has passed.
// Days are UTC days; a period that ends at local midnight ends part-way through one, which the
// proportion handles (DST included).
internal static class Forecaster
{
    public const double Alpha = 0.07;
    public const double Weight = 0.6;
    public const int FullHistoryDays = 28;
    public const double Floor = 0.05;

    private static bool IsWeekend(DayOfWeek d) => d is DayOfWeek.Saturday or DayOfWeek.Sunday;

    // Seven factors (indexed by DayOfWeek) averaging 1; 1 each without spend or for a missing group.
    // A group that spends nothing has factor 0: it is forecast to spend nothing and says nothing
    // about the rate (Rate skips days below Floor rather than dividing by almost nothing).
    public static double[] Profile(IReadOnlyList<DailySpend> history)
    {
        var profile = Enumerable.Repeat(1.0, 7).ToArray();
        var mean = history.Count == 0 ? 0 : history.Average(d => (double)d.Micros);
        if (mean <= 0)
        {
            return profile;
        }
        double Group(bool weekend) => history.Where(d => IsWeekend(d.Day.DayOfWeek) == weekend).Select(d => (double)d.Micros).DefaultIfEmpty(mean).Average() / mean;
        var (workday, weekend) = (Group(false), Group(true));
        for (var w = 0; w < 7; w++)
        {
            profile[w] = IsWeekend((DayOfWeek)w) ? weekend : workday;
        }
        var average = profile.Average();
        return profile.Select(f => f / average).ToArray();
    }

    // history: complete days, oldest first. Null without history: the caller keeps the straight line.
    public static double? Rate(IReadOnlyList<DailySpend> history, double[] profile)
    {
        double? rate = null;
        foreach (var d in history)
        {
            if (profile[(int)d.Day.DayOfWeek] < Floor)
            {
                continue;
            }
            var x = d.Micros / profile[(int)d.Day.DayOfWeek];
            rate = rate is { } r ? (Alpha * x) + ((1 - Alpha) * r) : x;
        }
        return rate;
    }

    public static BudgetForecast? Of(long spentMicros, long limitMicros, IReadOnlyList<DailySpend> history, DateTimeOffset now, DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        var profile = Profile(history);
        if (Rate(history, profile) is not { } rate)
        {
            return null;
        }
        var elapsedDays = (now - periodStart).TotalDays;
        var weight = elapsedDays < 1 ? 1 : Weight * Math.Min(1, history.Count / (double)FullHistoryDays);
        var line = elapsedDays < 1 ? 0 : spentMicros / elapsedDays;
        var total = (double)spentMicros;
        DateTimeOffset? exhausts = spentMicros >= limitMicros ? now : null;
        var at = now;
        while (at < periodEnd)
        {
            var dayEnd = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
            var end = dayEnd < periodEnd ? dayEnd : periodEnd;
            var share = (end - at).TotalHours / 24;
            var adds = ((weight * rate * profile[(int)at.UtcDateTime.DayOfWeek]) + ((1 - weight) * line)) * share;
            if (exhausts is null && adds > 0 && total + adds >= limitMicros)
            {
                exhausts = at + ((end - at) * ((limitMicros - total) / adds));
            }
            total += adds;
            at = end;
        }
        return new BudgetForecast((long)Math.Round(total, MidpointRounding.AwayFromZero), exhausts);
    }
}
