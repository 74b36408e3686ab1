using BudgetBot.GitHub;

namespace BudgetBot.Tests.GitHub;

public sealed class MergedPrStatsTests
{
    [Theory]
    [InlineData(new long[] { 5 }, 5, 5)]
    [InlineData(new long[] { 1, 3 }, 2, 3)]
    [InlineData(new long[] { 9, 1, 5 }, 5, 9)]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5, 9)]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100 }, 6, 10)]
    public void MedianAndP90(long[] totals, long median, long p90)
    {
        var stats = MergedPrStats.From(totals)!;
        Assert.Equal((totals.Length, median, p90), (stats.MergedPrs, stats.MedianMicros, stats.P90Micros));
    }

    [Fact]
    public void NoMergedPrs_NoStats() => Assert.Null(MergedPrStats.From([]));
}
