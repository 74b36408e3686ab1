using BudgetBot.Budgets;

namespace BudgetBot.GitHub;

// Everything the sticky comment and GET /api/pulls show for one PR, in micro-dollars. The renderer
// is a pure function of this record.
internal sealed record PrSpend(
    string Repo,
    int Number,
    long TotalMicros,
    long Events,
    long UnpricedEvents,
    IReadOnlyList<WorkflowSpend> ByWorkflow,
    IReadOnlyList<ModelSpend> ByModel,
    TokenTotals Tokens,
    IReadOnlyList<RunSpend> Runs,
    IReadOnlyList<BudgetStatus> Budgets,
    MergedPrStats? MergedPrs)
{
    // A workflow of this PR over its routing rule's maxFrontierShare, if any (one line in the comment).
    public PrRoutingNote? Routing { get; init; }
}

internal sealed record WorkflowSpend(string Workflow, int Runs, IReadOnlyList<string> Models, long Tokens, long CostMicros);

internal sealed record ModelSpend(string Model, long Events, long Tokens, long CostMicros);

// One workflow run of the PR; events without a run id are gathered per workflow under RunId null.
internal sealed record RunSpend(string? RunId, string Workflow, IReadOnlyList<string> Models, long Events, long Tokens, long CostMicros, DateTimeOffset FirstAt);

internal sealed record TokenTotals(long Input, long Output, long CacheRead, long CacheWrite5m, long CacheWrite1h)
{
    public long Total => Input + Output + CacheRead + CacheWrite5m + CacheWrite1h;

    // Share of prompt tokens served from cache: cache read / (uncached input + cache read + cache writes).
    public decimal? CacheHitRatio =>
        Input + CacheRead + CacheWrite5m + CacheWrite1h is var prompt and > 0 ? (decimal)CacheRead / prompt : null;

    // What the API returns: 4 places, like every ratio. The PR comment formats the exact ratio
    // itself, so a percentage is not rounded twice.
    public decimal? CacheHitRatio4 => CacheHitRatio is { } r ? decimal.Round(r, 4, MidpointRounding.AwayFromZero) : null;
}

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
