using BudgetBot.Foresight;

namespace BudgetBot.Tests.Foresight;

public sealed class ForecasterTests
{
    private const long Usd = 1_000_000;

    // 28 days of $10 ending the day before `until`: every weekday four times, a flat profile.
    private static List<DailySpend> Flat(DateOnly until, long micros = 10 * Usd) =>
        Enumerable.Range(1, 28).Select(i => new DailySpend(until.AddDays(-29 + i), micros)).ToList();

    public static TheoryData<string, string, string, long> Horizons => new()
    {
        // now, period end, what is left at $10 a day
        { "2026-03-10T00:00:00Z", "2026-03-15T00:00:00Z", "five whole days", 50 * Usd },
        { "2026-01-31T12:00:00Z", "2026-02-01T00:00:00Z", "half of January's last day", 5 * Usd },
        { "2028-02-29T00:00:00Z", "2028-03-01T00:00:00Z", "a leap day", 10 * Usd },
        // Europe/Berlin's month ends at local midnight, 22:00 UTC once summer time began on Mar 29.
        { "2026-03-29T00:00:00Z", "2026-03-31T22:00:00Z", "a period ending at local midnight after the spring change", 29_166_667 },
        { "2026-10-31T23:00:00Z", "2026-10-31T23:00:00Z", "nothing: the period ends now", 0 },
    };

    [Theory]
    [MemberData(nameof(Horizons))]
    public void FlatHistory_AddsTheDailyRateForWhatIsLeft(string now, string end, string what, long added)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        // The period began 16.8 hours ago, so the straight line also runs at $10 a day.
        var f = Forecaster.Of(7 * Usd, 1_000 * Usd, Flat(DateOnly.FromDateTime(at.UtcDateTime)), at, at.AddHours(-16.8),
            DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(f is not null, what);
        Assert.Equal(7 * Usd + added, f.ForecastMicros);
        Assert.Null(f.ExhaustsAt);
    }

    [Theory]
    [InlineData(90, 100, "2026-03-11T00:00:00Z")]
    [InlineData(95, 100, "2026-03-10T12:00:00Z")]
    [InlineData(100, 100, "2026-03-10T00:00:00Z")]
    [InlineData(10, 100, null)]
    public void ExhaustsAt_IsWhenTheForecastCrossesTheLimit(long spentUsd, long limitUsd, string? expected)
    {
        var now = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

        var f = Forecaster.Of(spentUsd * Usd, limitUsd * Usd, Flat(new DateOnly(2026, 3, 10)), now, now.AddDays(-spentUsd / 10.0), now.AddDays(5));

        if (expected is null)
        {
            Assert.Null(f!.ExhaustsAt);
            return;
        }
        Assert.InRange(f!.ExhaustsAt!.Value - DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void WithoutHistory_ThereIsNoForecast() =>
        Assert.Null(Forecaster.Of(0, Usd, [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1)));

    [Fact]
    public void AWeekendAhead_AddsLessThanTwoWorkdaysAhead()
    {
        // Workdays $10, weekends nothing, for four weeks up to Friday 2026-03-13.
        var history = Enumerable.Range(0, 28).Select(i => new DateOnly(2026, 2, 13).AddDays(i))
            .Select(d => new DailySpend(d, d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 10 * Usd)).ToList();
        var saturday = new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var monday = saturday.AddDays(2);

        var weekend = Forecaster.Of(0, 1_000 * Usd, history, saturday, saturday, saturday.AddDays(2))!.ForecastMicros;
        var workdays = Forecaster.Of(0, 1_000 * Usd, history, monday, monday, monday.AddDays(2))!.ForecastMicros;

        Assert.True(weekend * 3 < workdays, $"weekend {weekend}, workdays {workdays}");
        Assert.Equal([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], Forecaster.Profile(Flat(new DateOnly(2026, 3, 10))).Select(f => Math.Round(f, 12)));
    }
}
