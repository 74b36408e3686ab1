namespace BudgetBot.GitHub;

// The repository's merged PRs' totals: median (mean of the middle two for an even count) and p90
// (nearest rank), so "typical" means what a reader expects from a small sample.
internal sealed record MergedPrStats(int MergedPrs, long MedianMicros, long P90Micros)
{
    public static MergedPrStats? From(IEnumerable<long> totals)
    {
        var sorted = totals.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        var n = sorted.Count;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        var p90 = sorted[(int)Math.Ceiling(0.9 * n) - 1];
        return new MergedPrStats(n, median, p90);
    }
}
