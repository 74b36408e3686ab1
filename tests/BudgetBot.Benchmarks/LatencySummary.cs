using System.Globalization;

namespace BudgetBot.Benchmarks;

// Nearest-rank percentiles in milliseconds over one or more rounds pooled, and the rate achieved.
internal sealed record LatencySummary(int Count, double RatePerSecond, double P50, double P99, double Max, int Gen0Collections)
{
    public static LatencySummary From(params IReadOnlyCollection<LatencyRound> rounds)
    {
        var sorted = rounds.SelectMany(r => r.Latencies).Order().ToArray();
        return new LatencySummary(sorted.Length, sorted.Length / rounds.Sum(r => r.Seconds), Rank(sorted, 0.50), Rank(sorted, 0.99),
            sorted[^1], rounds.Sum(r => r.Gen0Collections));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} rate={RatePerSecond:F0}/s p50={P50:F2} ms p99={P99:F2} ms max={Max:F2} ms gen0 GCs={Gen0Collections}");

    private static double Rank(double[] sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
