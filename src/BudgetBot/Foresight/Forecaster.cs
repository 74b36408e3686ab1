namespace BudgetBot.Foresight;

// A forecast of a period's end spend that weighs recent days more and knows weekdays from weekends
// (docs/decisions/forecast-method.md). Pure: history, now and the period are arguments.
//  1. A weekday profile: each weekday's mean spend over the history relative to the overall mean
//     (1 for a weekday the history lacks; at least 0.05, so a quiet day never divides by zero).
//  2. A daily rate: the exponentially weighted mean (alpha 0.2, the newest day weighs most) of the
//     complete days' spend divided by their weekday's factor.
//  3. The forecast: spend so far plus, for each day left (today's remainder included, in proportion
//     to the hours left), rate x that weekday's factor.
// Days are UTC days; a period that ends at local midnight ends part-way through one, which the
// proportion handles (DST included).
internal static class Forecaster
{
    public const double Alpha = 0.2;
    public const double Floor = 0.05;

    public static double[] Profile(IReadOnlyList<DailySpend> history)
    {
        var profile = Enumerable.Repeat(1.0, 7).ToArray();
        var mean = history.Count == 0 ? 0 : history.Average(d => (double)d.Micros);
        if (mean <= 0)
        {
            return profile;
        }
        for (var w = 0; w < 7; w++)
        {
            var days = history.Where(d => (int)d.Day.DayOfWeek == w).ToList();
            profile[w] = days.Count == 0 ? 1 : days.Average(d => (double)d.Micros) / mean;
        }
        var average = profile.Average();
        return profile.Select(f => Math.Max(f / average, Floor)).ToArray();
    }

    // history: complete days, oldest first. Null without history: the caller keeps the straight line.
    public static double? Rate(IReadOnlyList<DailySpend> history, double[] profile)
    {
        double? rate = null;
        foreach (var d in history)
        {
            var x = d.Micros / profile[(int)d.Day.DayOfWeek];
            rate = rate is { } r ? (Alpha * x) + ((1 - Alpha) * r) : x;
        }
        return rate;
    }

    public static BudgetForecast? Of(long spentMicros, long limitMicros, IReadOnlyList<DailySpend> history, DateTimeOffset now, DateTimeOffset periodEnd)
    {
        var profile = Profile(history);
        if (Rate(history, profile) is not { } rate)
        {
            return null;
        }
        var total = (double)spentMicros;
        DateTimeOffset? exhausts = spentMicros >= limitMicros ? now : null;
        var at = now;
        while (at < periodEnd)
        {
            var dayEnd = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
            var end = dayEnd < periodEnd ? dayEnd : periodEnd;
            var share = (end - at).TotalHours / 24;
            var adds = rate * profile[(int)at.UtcDateTime.DayOfWeek] * share;
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
