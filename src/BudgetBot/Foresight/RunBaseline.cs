namespace BudgetBot.Foresight;

// What a workflow's runs usually cost, for telling an unusual run from a costly one: the median, the
// p99 and the median absolute deviation (MAD) of the finished runs in the baseline window, all
// nearest-rank like Distribution, so each is a cost (or a distance) that really happened. With fewer
// than 100 runs the p99 is the dearest run, so "above p99" reads "dearer than any run before".
internal sealed record RunBaseline(int Runs, long P50Micros, long P99Micros, long MadMicros)
{
    public static RunBaseline? Of(IEnumerable<long> costsMicros)
    {
        var sorted = costsMicros.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        var median = Distribution.Percentile(sorted, 50);
        var deviations = sorted.Select(c => Math.Abs(c - median)).Order().ToArray();
        return new RunBaseline(sorted.Length, median, Distribution.Percentile(sorted, 99), Distribution.Percentile(deviations, 50));
    }

    // Above the p99 and more than k MADs above the median: both, so a tight baseline (MAD near 0)
    // still needs a run dearer than any before, and a wide one needs more than its usual spread.
    public bool IsAnomaly(long costMicros, decimal k) =>
        costMicros > P99Micros && costMicros > P50Micros + (long)Math.Round(k * MadMicros, MidpointRounding.AwayFromZero);

    // A day whose spend is more than factor x the median of the trailing days (zero days included).
    // No baseline (a median of 0) is no jump: a workflow's first busy day is not an anomaly.
    public static bool IsJump(long todayMicros, IReadOnlyList<long> trailingDays, decimal factor, out long medianMicros)
    {
        medianMicros = trailingDays.Count == 0 ? 0 : Distribution.Percentile(trailingDays.Order().ToArray(), 50);
        return medianMicros > 0 && todayMicros > (long)Math.Round(factor * medianMicros, MidpointRounding.AwayFromZero);
    }
}
