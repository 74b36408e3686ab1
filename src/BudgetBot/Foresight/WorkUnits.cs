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

// Units of work: what a successful run and a merged PR cost, and what went into work that did not land
// (failed or cancelled runs, PRs closed unmerged). A run or PR GitHub has not told us about yet counts in
// SpendUsd only. Cost per successful run is the spend of successful runs over their count, not the
// group's spend over it, so failures do not inflate it; they have their own column.
internal static class WorkUnits
{
    public static readonly IReadOnlyList<string> Groups = ["workflow", "repo"];

    private static readonly HashSet<string> Failed = new(StringComparer.Ordinal) { "failure", "cancelled", "timed_out", "startup_failure" };

    public static IReadOnlyList<UnitGroup> Of(string groupBy, IEnumerable<UnitRow> rows) =>
        rows.GroupBy(r => (groupBy == "repo" ? r.Repo : r.Workflow) ?? "(none)", StringComparer.Ordinal)
            .Select(g => Group(g.Key, g.ToList()))
            .OrderByDescending(g => g.SpendUsd).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

    private static UnitGroup Group(string key, List<UnitRow> rows)
    {
        var runs = rows.GroupBy(r => r.RunKey, StringComparer.Ordinal).Select(run => (run.First().Conclusion, Micros: run.Sum(r => r.CostMicros))).ToList();
        var success = runs.Where(r => r.Conclusion == "success").ToList();
        var failed = runs.Where(r => r.Conclusion is not null && Failed.Contains(r.Conclusion)).ToList();
        var prs = rows.Where(r => r.Pr is not null).GroupBy(r => (r.Repo, r.Pr))
            .Select(pr => (pr.First().PrState, Merged: pr.First().Merged != 0, Micros: pr.Sum(r => r.CostMicros))).ToList();
        var merged = prs.Where(p => p.Merged).ToList();
        var unmerged = prs.Where(p => !p.Merged && p.PrState == "closed").ToList();
        return new UnitGroup(
            key,
            Money.FromMicros(rows.Sum(r => r.CostMicros)),
            success.Count,
            PerUnit(success.Sum(r => r.Micros), success.Count),
            failed.Count,
            Money.FromMicros(failed.Sum(r => r.Micros)),
            merged.Count,
            PerUnit(merged.Sum(p => p.Micros), merged.Count),
            unmerged.Count,
            Money.FromMicros(unmerged.Sum(p => p.Micros)));
    }

    // Rounded to the micro-dollar, away from zero like every other amount.
    private static decimal? PerUnit(long micros, int count) =>
        count == 0 ? null : Money.FromMicros((long)Math.Round((decimal)micros / count, MidpointRounding.AwayFromZero));
}
