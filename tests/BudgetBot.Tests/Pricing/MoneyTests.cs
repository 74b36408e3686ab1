using System.Globalization;
using BudgetBot.Budgets;

namespace BudgetBot.Tests.Pricing;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.760575", 760_575)]
    [InlineData("0.0000004999", 0)]
    [InlineData("0.0000005", 1)] // half a micro-dollar rounds away from zero
    [InlineData("0.0000025", 3)] // not to even (banker's rounding would give 2)
    [InlineData("-0.0000005", -1)]
    [InlineData("-0.0000025", -3)]
    [InlineData("12.3456784", 12_345_678)]
    [InlineData("9223372036854.775807", long.MaxValue)]
    public void ToMicros_RoundsHalfAwayFromZero(string usd, long expected)
    {
        Assert.Equal(expected, Money.ToMicros(decimal.Parse(usd, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ToMicros_Throws_WhenAmountDoesNotFitInBigint()
    {
        Assert.Throws<OverflowException>(() => Money.ToMicros(9_223_372_036_855m));
    }

    [Theory]
    [InlineData(760_575, "0.760575")]
    [InlineData(-1, "-0.000001")]
    [InlineData(62_290_000, "62.29")]
    public void FromMicros_IsExact(long micros, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Money.FromMicros(micros));
        Assert.Equal(micros, Money.ToMicros(Money.FromMicros(micros)));
    }
}
