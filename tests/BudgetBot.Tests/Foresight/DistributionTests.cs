using BudgetBot.Foresight;

namespace BudgetBot.Tests.Foresight;

public sealed class DistributionTests
{
    // Costs in micro-dollars; expected figures in USD. Nearest rank: the ceil(p% * n)-th smallest.
    public static TheoryData<long[], int, decimal, decimal, decimal, decimal> Cases => new()
    {
        { [], 0, 0m, 0m, 0m, 0m },
        { [1_500_000], 1, 1.5m, 1.5m, 1.5m, 1.5m },
        { [3_000_000, 1_000_000], 2, 1m, 3m, 3m, 2m },
        // 1..10 dollars: p50 is the 5th, p90 the 9th, p99 the 10th.
        { [10_000_000, 9_000_000, 8_000_000, 7_000_000, 6_000_000, 5_000_000, 4_000_000, 3_000_000, 2_000_000, 1_000_000], 10, 5m, 9m, 10m, 5.5m },
        // One outlier among 20: p90 (18th) does not see it, p99 (20th) does; the mean does.
        { [.. Enumerable.Repeat(1_000_000L, 19), 100_000_000], 20, 1m, 1m, 100m, 5.95m },
        // A third of a micro-dollar rounds away from zero in the mean, never below a real micro-dollar.
        { [1, 1, 0], 3, 1e-6m, 1e-6m, 1e-6m, 1e-6m },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Distribution_HasNearestRankPercentilesAndTheMean(long[] costs, int count, decimal p50, decimal p90, decimal p99, decimal mean)
    {
        var d = Distribution.Of(costs);

        Assert.Equal((count, p50, p90, p99, mean), (d.Count, d.P50Usd, d.P90Usd, d.P99Usd, d.MeanUsd));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(99, 99)]
    [InlineData(100, 99)]
    [InlineData(101, 100)]
    [InlineData(1000, 990)]
    public void P99_IsTheNearestRank(int n, long expected)
    {
        var sorted = Enumerable.Range(1, n).Select(i => (long)i).ToArray();

        Assert.Equal(expected, Distribution.Percentile(sorted, 99));
    }
}
