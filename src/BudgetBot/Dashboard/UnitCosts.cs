namespace BudgetBot.Dashboard;

internal sealed record UnitCost(string Key, int Count, long TotalMicros, long MedianMicros, long P90Micros);

// Cost per unit of work (a run, a merged PR): count, total, median and p90 per key. Nearest-rank
// percentiles, so every figure is a cost some unit actually had.
internal static class UnitCosts
{
    public static IReadOnlyList<UnitCost> By<T>(IEnumerable<T> units, Func<T, string> key, Func<T, long> cost) =>
        units.GroupBy(key)
            .Select(g =>
            {
                var costs = g.Select(cost).Order().ToList();
                return new UnitCost(g.Key, costs.Count, costs.Sum(), Percentile(costs, 50), Percentile(costs, 90));
            })
            .OrderByDescending(u => u.TotalMicros).ThenBy(u => u.Key, StringComparer.Ordinal).ToList();

    public static long Percentile(IReadOnlyList<long> sorted, int p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static bool IsWaste(string? conclusion) => conclusion is "failure" or "cancelled" or "timed_out";
}
