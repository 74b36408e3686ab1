using System.Globalization;
using BudgetBot.Budgets;
using Cronos;

namespace BudgetBot.Tests.Budgets;

public sealed class BudgetPeriodTests
{
    // cron, zone, now (UTC), expected start, expected end (UTC). Local times in the comments.
    public static TheoryData<string, string, string, string, string> Periods => new()
    {
        // Monthly in Berlin: a month starts at local midnight, 23:00Z in winter, 22:00Z in summer.
        { "0 0 1 * *", "Europe/Berlin", "2026-01-31T22:59:59Z", "2025-12-31T23:00:00Z", "2026-01-31T23:00:00Z" },
        { "0 0 1 * *", "Europe/Berlin", "2026-01-31T22:59:59.9999999Z", "2025-12-31T23:00:00Z", "2026-01-31T23:00:00Z" },
        { "0 0 1 * *", "Europe/Berlin", "2026-01-31T23:00:00Z", "2026-01-31T23:00:00Z", "2026-02-28T23:00:00Z" }, // exactly on it: a new period
        { "0 0 1 * *", "Europe/Berlin", "2026-03-31T21:30:00Z", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z" }, // March loses an hour
        { "0 0 1 * *", "Europe/Berlin", "2028-02-29T12:00:00Z", "2028-01-31T23:00:00Z", "2028-02-29T23:00:00Z" }, // leap day inside
        { "0 0 29 2 *", "UTC", "2026-06-01T00:00:00Z", "2024-02-29T00:00:00Z", "2028-02-29T00:00:00Z" }, // four-year period
        { "0 0 29 2 *", "UTC", "2028-02-29T00:00:00Z", "2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z" },
        { "0 0 L * *", "UTC", "2028-02-15T00:00:00Z", "2028-01-31T00:00:00Z", "2028-02-29T00:00:00Z" }, // last day of month
        { "0 0 L * *", "UTC", "2028-02-29T00:00:00Z", "2028-02-29T00:00:00Z", "2028-03-31T00:00:00Z" },
        { "0 0 1 * *", "UTC", "2026-12-31T23:59:59Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z" },
        // Weekly, Monday midnight Berlin, across the spring change (Sunday 2026-03-29).
        { "0 0 * * MON", "Europe/Berlin", "2026-03-29T12:00:00Z", "2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z" },
        { "0 0 * * MON", "Europe/Berlin", "2026-03-29T22:00:00Z", "2026-03-29T22:00:00Z", "2026-04-05T22:00:00Z" },
        // Berlin spring forward 2026-03-29: 02:30 does not exist; Cronos fires at 03:00 CEST (01:00Z).
        { "30 2 * * *", "Europe/Berlin", "2026-03-29T00:45:00Z", "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z" },
        { "30 2 * * *", "Europe/Berlin", "2026-03-29T01:00:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z" },
        // Berlin fall back 2026-10-25: 02:30 happens twice; Cronos fires once, at 02:30 CEST (00:30Z).
        { "30 2 * * *", "Europe/Berlin", "2026-10-25T00:29:00Z", "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z" },
        { "30 2 * * *", "Europe/Berlin", "2026-10-25T01:15:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z" }, // 02:15 CET
        { "30 2 * * *", "Europe/Berlin", "2026-10-25T01:45:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z" }, // 02:45 CET
        // Hourly is an interval: in the repeated hour it fires in both (02:00 CEST and 02:00 CET).
        { "0 * * * *", "Europe/Berlin", "2026-10-25T00:30:00Z", "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z" },
        { "0 * * * *", "Europe/Berlin", "2026-10-25T01:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z" },
        // New York: spring forward 2026-03-08 02:00 EST -> 03:00 EDT, fall back 2026-11-01 02:00 EDT -> 01:00 EST.
        { "30 2 * * *", "America/New_York", "2026-03-08T06:59:00Z", "2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z" },
        { "30 1 * * *", "America/New_York", "2026-11-01T06:45:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z" }, // 01:45 EST
        { "0 0 1 * *", "America/New_York", "2026-11-15T00:00:00Z", "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public void Containing(string cron, string zone, string now, string start, string end)
    {
        var period = BudgetPeriod.Containing(Cron(cron), TimeZoneInfo.FindSystemTimeZoneById(zone), Utc(now));

        Assert.Equal((Utc(start), Utc(end)), (period.Start, period.End));
        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero), (period.Start.Offset, period.End.Offset));
    }

    // Over a year of instants in zones with DST: the period always contains now and is exactly one step
    // of the schedule, i.e. Start and End agree about which occurrences exist.
    [Theory]
    [InlineData("0 0 1 * *")]
    [InlineData("0 0 * * MON")]
    [InlineData("30 2 * * *")]
    [InlineData("0 * * * *")]
    [InlineData("*/20 1-3 * * *")]
    public void Containing_IsOneStepOfTheSchedule_AroundDstChanges(string expression)
    {
        var cron = Cron(expression);
        foreach (var zone in new[] { "Europe/Berlin", "America/New_York", "UTC" }.Select(TimeZoneInfo.FindSystemTimeZoneById))
        {
            for (var now = Utc("2026-01-01T00:00:00Z"); now < Utc("2027-01-01T00:00:00Z"); now += TimeSpan.FromMinutes(47))
            {
                var period = BudgetPeriod.Containing(cron, zone, now);

                Assert.True(period.Start <= now && now < period.End, $"{expression} {zone.Id} {now:O}: {period}");
                Assert.Equal(period.End, cron.GetNextOccurrence(period.Start, zone));
            }
        }
    }

    [Fact]
    public void LengthAndElapsedFraction()
    {
        var period = new BudgetPeriod(Utc("2026-03-01T00:00:00Z"), Utc("2026-03-11T00:00:00Z"));

        Assert.Equal(TimeSpan.FromDays(10), period.Length);
        Assert.Equal(0d, period.ElapsedFraction(period.Start));
        Assert.Equal(0.25d, period.ElapsedFraction(Utc("2026-03-03T12:00:00Z")));
        Assert.Equal(0d, period.ElapsedFraction(Utc("2026-02-01T00:00:00Z")));
        Assert.Equal(1d, period.ElapsedFraction(period.End));
        Assert.Equal(1d, period.ElapsedFraction(Utc("2026-04-01T00:00:00Z")));
    }

    [Fact]
    public void Length_OfAMonthWithTheSpringChange_IsAnHourShort()
    {
        var period = BudgetPeriod.Containing(Cron("0 0 1 * *"), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), Utc("2026-03-15T00:00:00Z"));

        Assert.Equal(TimeSpan.FromDays(31) - TimeSpan.FromHours(1), period.Length);
    }

    [Fact]
    public void Containing_Throws_WhenTheScheduleNeverFires() =>
        Assert.Throws<InvalidOperationException>(() => BudgetPeriod.Containing(Cron("0 0 31 2 *"), TimeZoneInfo.Utc, Utc("2026-01-01T00:00:00Z")));

    private static CronExpression Cron(string expression) => CronExpression.Parse(expression, CronFormat.Standard);

    private static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
