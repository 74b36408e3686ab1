using System.Globalization;
using BudgetBot.Budgets;
using Cronos;

namespace BudgetBot.Tests.Budgets;

// Budget arithmetic (DESIGN §7) as tables: remaining, percent, state and the projection, with the
// edges that matter: a threshold met by rounding, spend exactly at the limit, grants, an empty
// budget, a period's first hour, and months that DST makes an hour short or long.
public sealed class BudgetCalculatorTests
{
    private static readonly BudgetPeriod March = new(new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));

    [Theory]
    // amount, granted, spent, reserved, thresholds -> state, percent used, remaining
    [InlineData("100", "0", "0", "0", "50 80 100", "ok", "0", "100")]
    [InlineData("100", "0", "49.94", "0", "50 80 100", "ok", "49.9", "50.06")]
    [InlineData("100", "0", "49.95", "0", "50 80 100", "warning", "50.0", "50.05")] // the percent is rounded before it meets a threshold
    [InlineData("100", "0", "50", "0", "50 80 100", "warning", "50.0", "50")]
    [InlineData("100", "0", "99.99", "0", "50 80 100", "warning", "100.0", "0.01")] // shows 100.0 %, yet not exceeded
    [InlineData("100", "0", "100", "0", "50 80 100", "exceeded", "100.0", "0")]
    [InlineData("100", "0", "120", "0", "50 80 100", "exceeded", "120.0", "-20")]
    [InlineData("100", "0", "0.05", "0", "50 80 100", "ok", "0.1", "99.95")] // midpoints round away from zero
    [InlineData("100", "50", "100", "0", "50 80 100", "warning", "66.7", "50")] // a grant raises what is available
    [InlineData("100", "50", "150", "0", "50 80 100", "exceeded", "100.0", "0")]
    [InlineData("100", "0", "20", "30", "50 80 100", "ok", "20.0", "50")] // reservations lower remaining, not percent
    [InlineData("100", "0", "20", "90", "50 80 100", "ok", "20.0", "-10")]
    [InlineData("100", "0", "90", "0", "", "ok", "90.0", "10")] // without thresholds there is no warning
    [InlineData("100", "0", "85", "0", "80 100", "warning", "85.0", "15")] // warning from the first threshold
    [InlineData("0", "0", "0", "0", "50 80 100", "exceeded", "100", "0")] // nothing available is used up
    public void Status_ComputesRemainingPercentAndState(
        string amount, string granted, string spent, string reserved, string thresholds, string state, string percent, string remaining)
    {
        var budget = new ActiveBudget("b", BudgetScope.Org, Usd(amount), Enforcement.Hard, March,
            [.. thresholds.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)]);
        var figures = new BudgetFigures(Micros(spent), Micros(granted), Micros(reserved), 0);

        var status = BudgetCalculator.Status(budget, figures, March.Start.AddDays(10));

        Assert.Equal((state, Usd(percent), Usd(remaining)), (status.State.ToText(), status.PercentUsed, status.RemainingUsd));
        Assert.Equal((Usd(amount), Usd(granted), Usd(spent), Usd(reserved)), (status.LimitUsd, status.GrantedUsd, status.SpentUsd, status.ReservedUsd));
    }

    [Theory]
    // cron, zone, now (UTC), spent so far -> projected spend for the whole period
    [InlineData("0 0 1 * *", "UTC", "2026-03-01T00:00:00Z", 1_000_000, 744_000_000)] // the first hour counts as an hour: 744 h / 1 h
    [InlineData("0 0 1 * *", "UTC", "2026-03-01T00:30:00Z", 1_000_000, 744_000_000)]
    [InlineData("0 0 1 * *", "UTC", "2026-03-01T02:00:00Z", 1_000_000, 372_000_000)]
    [InlineData("0 0 1 * *", "UTC", "2026-03-16T12:00:00Z", 1_000_000, 2_000_000)] // half-way doubles
    [InlineData("0 0 1 * *", "UTC", "2026-03-31T23:59:59Z", 1_000_000, 1_000_000)] // rounds to the micro-dollar
    [InlineData("0 0 1 * *", "UTC", "2026-02-01T00:00:00Z", 1_000_000, 672_000_000)] // February: 28 days
    [InlineData("0 0 1 * *", "UTC", "2028-02-01T00:00:00Z", 1_000_000, 696_000_000)] // a leap February: 29 days
    [InlineData("0 0 1 * *", "Europe/Berlin", "2026-02-28T23:00:00Z", 1_000_000, 743_000_000)] // March in Berlin loses an hour
    [InlineData("0 0 1 * *", "Europe/Berlin", "2026-09-30T22:00:00Z", 1_000_000, 745_000_000)] // October gains one
    [InlineData("0 0 * * MON", "UTC", "2026-03-09T00:00:00Z", 3_000_000, 504_000_000)] // a week: 168 h
    [InlineData("0 0 * * MON", "UTC", "2026-03-12T12:00:00Z", 3_000_000, 6_000_000)]
    [InlineData("0 0 1 * *", "UTC", "2026-03-10T00:00:00Z", 0, 0)]
    public void Projected_ScalesSpendByTheElapsedShareOfThePeriod(string cron, string zone, string now, long spentMicros, long expected)
    {
        var at = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture);
        var period = BudgetPeriod.Containing(CronExpression.Parse(cron), TimeZoneInfo.FindSystemTimeZoneById(zone), at);

        Assert.Equal(expected, BudgetCalculator.Projected(spentMicros, period, at));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(90)]
    public void Projected_IsTheSpendItselfOnceThePeriodIsOver(int daysAfterEnd) =>
        Assert.Equal(7_000_000, BudgetCalculator.Projected(7_000_000, March, March.End.AddDays(daysAfterEnd)));

    private static decimal Usd(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static long Micros(string usd) => Money.ToMicros(Usd(usd));
}
