namespace BudgetBot.Foresight;

internal sealed record ModelEstimate(string Model, Distribution Runs);

// GET /api/estimates: the cost per finished run and per PR of the runs matching the filters, and per
// model the cost a run spent on it.
internal sealed record RunEstimates(string? Workflow, string? Repo, int WindowDays, Distribution Runs, Distribution Prs, IReadOnlyList<ModelEstimate> Models)
{
    // A run counts as finished once it has been quiet this long: usage carries no "run ended" signal,
    // and counting a run still at work would pull every percentile down.
    public const long QuietMs = 30 * 60_000;

    public static RunEstimates Of(string? workflow, string? repo, int windowDays, IReadOnlyList<RunCostRow> rows, long nowMs)
    {
        var finished = rows.GroupBy(r => r.RunKey, StringComparer.Ordinal)
            .Where(run => run.Max(r => r.LastMs) <= nowMs - QuietMs)
            .SelectMany(run => run)
            .ToList();
        var runs = finished.GroupBy(r => r.RunKey, StringComparer.Ordinal).Select(run => run.Sum(r => r.CostMicros));
        var prs = finished.Where(r => r.Pr is not null).GroupBy(r => (r.Repo, r.Pr)).Select(pr => pr.Sum(r => r.CostMicros));
        var models = finished.GroupBy(r => r.Model, StringComparer.Ordinal)
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new ModelEstimate(m.Key, Distribution.Of(m.Select(r => r.CostMicros))))
            .ToList();
        return new RunEstimates(workflow, repo, windowDays, Distribution.Of(runs), Distribution.Of(prs), models);
    }
}
