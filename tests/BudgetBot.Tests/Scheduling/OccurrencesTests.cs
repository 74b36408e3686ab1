using BudgetBot.Scheduling;
using Cronos;

namespace BudgetBot.Tests.Scheduling;

public sealed class OccurrencesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 11, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 * * * *", 0, 90, 60)]           // one occurrence in the span
    [InlineData("0 * * * *", 0, 60, 60)]           // the upper bound is inclusive
    [InlineData("0 * * * *", 60, 90, null)]        // the lower bound is exclusive
    [InlineData("0 * * * *", 10, 50, null)]        // nothing in between
    [InlineData("* * * * *", 0, 525_600, 525_600)] // a year down under a per-minute cron: only the last
    [InlineData("0 9 1 * *", 0, 200_000, 161_100)] // monthly: 2026-07-01 09:00
    public void Latest_FindsTheLastOccurrenceInTheSpan(string cron, int afterMinutes, int upToMinutes, int? expectedMinutes)
    {
        var latest = Occurrences.Latest(CronExpression.Parse(cron), TimeZoneInfo.Utc, Noon.AddMinutes(afterMinutes), Noon.AddMinutes(upToMinutes));

        Assert.Equal(expectedMinutes is { } m ? Noon.AddMinutes(m) : null, latest);
    }
}
