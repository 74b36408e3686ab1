using BudgetBot.GitHub;

namespace BudgetBot.Tests.GitHub;

// Issue 10 item 17: ratios come back rounded to 4 places; the comment's percentage uses the exact one.
public sealed class TokenTotalsTests
{
    [Theory]
    [InlineData(400_000, 2_500_000, 50_000, "0.8475", 0.847457627)]
    [InlineData(1, 2, 0, "0.6667", 0.666666667)]
    [InlineData(0, 1, 0, "1", 1.0)]
    public void CacheHitRatio4_IsRoundedToFourPlaces(long input, long cacheRead, long cacheWrite, string expected, double exact)
    {
        var t = new TokenTotals(input, 71_000, cacheRead, cacheWrite, 0);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), t.CacheHitRatio4);
        Assert.Equal(exact, (double)t.CacheHitRatio!.Value, 8);
    }

    [Fact]
    public void CacheHitRatio_IsNull_WithoutPromptTokens() => Assert.Null(new TokenTotals(0, 10, 0, 0, 0).CacheHitRatio4);
}
