using BudgetBot.Budgets;

namespace BudgetBot.Foresight;

// Count, nearest-rank percentiles and mean of a set of costs in micro-dollars. Nearest rank (the
// smallest value with at least p % of the sample at or below it) always answers with a cost that
// really happened, which reads better in "p90 of 41 runs" than an interpolated one.
internal sealed record Distribution(int Count, decimal P50Usd, decimal P90Usd, decimal P99Usd, decimal MeanUsd)
{
    public static Distribution Empty { get; } = new(0, 0, 0, 0, 0);

    public static Distribution Of(IEnumerable<long> costsMicros)
    {
        var sorted = costsMicros.Order().ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }
        var meanMicros = (long)Math.Round((decimal)sorted.Sum() / sorted.Length, MidpointRounding.AwayFromZero);
        return new Distribution(
            sorted.Length,
            Money.FromMicros(Percentile(sorted, 50)),
            Money.FromMicros(Percentile(sorted, 90)),
            Money.FromMicros(Percentile(sorted, 99)),
            Money.FromMicros(meanMicros));
    }

    public decimal At(int percentile) => percentile switch
    {
        50 => P50Usd,
        90 => P90Usd,
        99 => P99Usd,
        _ => throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "p50, p90 or p99"),
    };

    // sorted must be ascending and non-empty.
    internal static long Percentile(long[] sorted, int percentile)
    {
        var rank = (int)Math.Ceiling(percentile / 100m * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
