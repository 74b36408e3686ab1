using BudgetBot.Budgets;

namespace BudgetBot.Foresight;

internal sealed record UnitGroup(
    string Key,
    decimal SpendUsd,
    int SuccessfulRuns,
    decimal? CostPerSuccessfulRunUsd,
    int FailedOrCancelledRuns,
    decimal SpendOnFailedOrCancelledRunsUsd,
    int MergedPrs,
    decimal? CostPerMergedPrUsd,
    int ClosedUnmergedPrs,
    decimal SpendOnClosedUnmergedPrsUsd);

// One workflow run (its models summed) and one PR (its runs summed), as UnitsStore's rows give them.
internal sealed record WorkRun(string? Repo, string? Workflow, string? Conclusion, long CostMicros, long FirstMs, long LastMs)
{
    public bool Failed => WorkUnits.IsFailed(Conclusion);
}

internal sealed record WorkPr(string? Repo, long Pr, string? State, bool Merged, long? MergedAtMs, long CostMicros, long LastMs)
{
    public bool ClosedUnmerged => !Merged && State == "closed";
}

// Count, total, median and p90 of some units' cost. Nearest-rank percentiles, so every figure is a
// cost some unit actually had.
internal sealed record UnitCost(string Key, int Count, long TotalMicros, long MedianMicros, long P90Micros);

// Units of work: what a successful run and a merged PR cost, and what went into work that did not land
// (failed or cancelled runs, PRs closed unmerged: the waste). A run or PR GitHub has not told us about
// yet counts in SpendUsd only. Cost per successful run is the spend of successful runs over their
// count, not the group's spend over it, so failures do not inflate it; they have their own column.
// GET /api/units, spend.csv's units columns and the dashboard's units page all read these.
internal static class WorkUnits
{
    public static readonly IReadOnlyList<string> Groups = ["workflow", "repo"];

    private static readonly HashSet<string> FailedConclusions = new(StringComparer.Ordinal) { "failure", "cancelled", "timed_out", "startup_failure" };

    public static bool IsFailed(string? conclusion) => conclusion is not null && FailedConclusions.Contains(conclusion);

    public static IReadOnlyList<UnitGroup> Of(string groupBy, IEnumerable<UnitRow> rows) =>
        rows.GroupBy(r => (groupBy == "repo" ? r.Repo : r.Workflow) ?? "(none)", StringComparer.Ordinal)
            .Select(g => Group(g.Key, g.ToList()))
            .OrderByDescending(g => g.SpendUsd).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<WorkRun> Runs(IEnumerable<UnitRow> rows) =>
        rows.GroupBy(r => r.RunKey, StringComparer.Ordinal)
            .Select(run => new WorkRun(run.First().Repo, run.First().Workflow, run.First().Conclusion, run.Sum(r => r.CostMicros),
                run.Min(r => r.FirstMs), run.Max(r => r.LastMs)))
            .ToList();

    public static IReadOnlyList<WorkPr> Prs(IEnumerable<UnitRow> rows) =>
        rows.Where(r => r.Pr is not null).GroupBy(r => (r.Repo, r.Pr))
            .Select(pr => new WorkPr(pr.Key.Repo, pr.Key.Pr!.Value, pr.First().PrState, pr.First().Merged != 0, pr.First().MergedAtMs,
                pr.Sum(r => r.CostMicros), pr.Max(r => r.LastMs)))
            .ToList();

    public static IReadOnlyList<UnitCost> Costs<T>(IEnumerable<T> units, Func<T, string> key, Func<T, long> cost) =>
        units.GroupBy(key, StringComparer.Ordinal)
            .Select(g =>
            {
                var costs = g.Select(cost).Order().ToList();
                return new UnitCost(g.Key, costs.Count, costs.Sum(), Percentile(costs, 50), Percentile(costs, 90));
            })
            .OrderByDescending(u => u.TotalMicros).ThenBy(u => u.Key, StringComparer.Ordinal).ToList();

    public static long Percentile(IReadOnlyList<long> sorted, int p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static UnitGroup Group(string key, List<UnitRow> rows)
    {
        var runs = Runs(rows);
        var success = runs.Where(r => r.Conclusion == "success").ToList();
        var failed = runs.Where(r => r.Failed).ToList();
        var prs = Prs(rows);
        var merged = prs.Where(p => p.Merged).ToList();
        var unmerged = prs.Where(p => p.ClosedUnmerged).ToList();
        return new UnitGroup(
            key,
            Money.FromMicros(rows.Sum(r => r.CostMicros)),
            success.Count,
            PerUnit(success.Sum(r => r.CostMicros), success.Count),
            failed.Count,
            Money.FromMicros(failed.Sum(r => r.CostMicros)),
            merged.Count,
            PerUnit(merged.Sum(p => p.CostMicros), merged.Count),
            unmerged.Count,
            Money.FromMicros(unmerged.Sum(p => p.CostMicros)));
    }

    // Rounded to the micro-dollar, away from zero like every other amount.
    private static decimal? PerUnit(long micros, int count) =>
        count == 0 ? null : Money.FromMicros((long)Math.Round((decimal)micros / count, MidpointRounding.AwayFromZero));
}
