namespace BudgetBot.Budgets;

internal readonly record struct RollupDelta(string Scope, long HourMs, long CostMicros, long Events, long UnpricedEvents)
{
    public const long HourMs3600 = 3_600_000;

    public static long HourOf(long ms) => ms - (((ms % HourMs3600) + HourMs3600) % HourMs3600);

    // Sums the deltas of many events per (scope, hour), so a batch of 500 costs a few upserts.
    public static IReadOnlyList<RollupDelta> Combine(IEnumerable<RollupDelta> deltas) =>
        deltas.GroupBy(d => (d.Scope, d.HourMs))
            .Select(g => new RollupDelta(g.Key.Scope, g.Key.HourMs, g.Sum(d => d.CostMicros), g.Sum(d => d.Events), g.Sum(d => d.UnpricedEvents)))
            .ToList();
}
