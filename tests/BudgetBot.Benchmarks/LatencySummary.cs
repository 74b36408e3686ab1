using System.Globalization;

namespace BudgetBot.Benchmarks;

// Nearest-rank percentiles in milliseconds, and the rate actually achieved.
internal sealed record LatencySummary(int Count, double RatePerSecond, double P50, double P99, double Max)
{
    public static LatencySummary From(double[] latencies, double seconds)
    {
        var sorted = latencies.Order().ToArray();
        return new LatencySummary(sorted.Length, sorted.Length / seconds, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} rate={RatePerSecond:F0}/s p50={P50:F2} ms p99={P99:F2} ms max={Max:F2} ms");

    private static double Rank(double[] sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
