using BudgetBot.Budgets;
using BudgetBot.Foresight;
using BudgetBot.Tests.Policy;

namespace BudgetBot.Tests.Foresight;

public sealed class RunBaselineTests
{
    public static TheoryData<long[], long, long, long> Baselines => new()
    {
        // costs, median (nearest rank), p99 (nearest rank), MAD
        { [7], 7, 7, 0 },
        { [1, 100], 1, 100, 0 },
        { [1, 2, 3], 2, 3, 1 },
        { [3, 1, 2, 4], 2, 4, 1 },
        { [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10], 10, 10, 0 },
        // 20 runs: p99 is the dearest; deviations from the median 10 are 0..9 and one 90.
        { [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100], 10, 100, 5 },
        // 100 runs 1..100: p99 is the 99th, not the dearest.
        { Enumerable.Range(1, 100).Select(i => (long)i).ToArray(), 50, 99, 25 },
        // 101 runs: rank ceil(99.99) = 100.
        { Enumerable.Range(1, 101).Select(i => (long)i).ToArray(), 51, 100, 25 },
    };

    [Theory]
    [MemberData(nameof(Baselines))]
    public void MedianP99AndMad_AreNearestRank(long[] costs, long median, long p99, long mad)
    {
        var b = RunBaseline.Of(costs)!;

        Assert.Equal((costs.Length, median, p99, mad), (b.Runs, b.P50Micros, b.P99Micros, b.MadMicros));
    }

    [Fact]
    public void NoRuns_NoBaseline() => Assert.Null(RunBaseline.Of([]));

    [Theory]
    // median 10, p99 100, MAD 5: above 100 and above 10 + k x 5.
    [InlineData(100, 5, false)]
    [InlineData(101, 5, true)]
    [InlineData(101, 18, true)]
    [InlineData(101, 19, false)]
    [InlineData(111, 20, true)]
    public void ARunIsAnAnomaly_AboveP99_AndMoreThanKMadsAboveTheMedian(long cost, int k, bool anomaly)
    {
        var b = RunBaseline.Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100])!;

        Assert.Equal(anomaly, b.IsAnomaly(cost, k));
    }

    [Fact]
    public void ATightBaseline_StillNeedsARunDearerThanAnyBefore()
    {
        var b = RunBaseline.Of(Enumerable.Repeat(10L, 20))!;

        Assert.False(b.IsAnomaly(10, 5));
        Assert.True(b.IsAnomaly(11, 5));
    }

    [Theory]
    [InlineData(new long[] { 10, 10, 10 }, 30, false, 10)]
    [InlineData(new long[] { 10, 10, 10 }, 31, true, 10)]
    [InlineData(new long[] { 0, 0, 10, 10, 10 }, 31, true, 10)]
    [InlineData(new long[] { 0, 0, 0, 0, 10 }, 1_000, false, 0)]
    [InlineData(new long[] { }, 1_000, false, 0)]
    public void ADayJumps_AboveFactorTimesTheMedianDay(long[] trailing, long today, bool jump, long median)
    {
        Assert.Equal(jump, RunBaseline.IsJump(today, trailing, 3, out var m));
        Assert.Equal(median, m);
    }

    public static TheoryData<string, int, string> Errors => new()
    {
        { "anomalies:\n  runK: 0.5", 2, "anomalies.runK must be a number from 1 to 100 (got \"0.5\")" },
        { "anomalies:\n  minRuns: 4", 2, "anomalies.minRuns must be a whole number from 5 to 10000 (got \"4\")" },
        { "anomalies:\n  dailyJumpFactor: 1", 2, "anomalies.dailyJumpFactor must be a number from 1.5 to 100 (got \"1\")" },
        { "anomalies:\n  runK: 5\n  baselineDays: 120", 3, "anomalies.baselineDays must be a whole number of days from 3 to 90 (got \"120\")" },
        { "anomalies:\n  jump: 3", 2, "unknown key \"jump\" in anomalies" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void OutOfRangeAnomalies_AreRefusedWithTheLine(string yaml, int line, string message) =>
        PolicyErrorAssert.OneErrorOnItsLine(yaml, line, message);

    [Fact]
    public void Anomalies_DefaultToRunK5Of20RunsJump3Over14Days_AndReadWhatTheFileSays()
    {
        Assert.Equal(new AnomalySettings(5, 20, 3, 14), PolicyParser.Parse("timezone: UTC").Policy!.Anomalies);
        Assert.Equal(new AnomalySettings(3.5m, 30, 2.5m, 28),
            PolicyParser.Parse("anomalies: {runK: 3.5, minRuns: 30, dailyJumpFactor: 2.5, baselineDays: 28}").Policy!.Anomalies);
    }
}
