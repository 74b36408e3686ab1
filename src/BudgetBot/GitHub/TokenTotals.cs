namespace BudgetBot.GitHub;

internal sealed record TokenTotals(long Input, long Output, long CacheRead, long CacheWrite5m, long CacheWrite1h)
{
    public long Total => Input + Output + CacheRead + CacheWrite5m + CacheWrite1h;

    // Share of prompt tokens served from cache: cache read / (uncached input + cache read + cache writes).
    public decimal? CacheHitRatio =>
        Input + CacheRead + CacheWrite5m + CacheWrite1h is var prompt and > 0 ? (decimal)CacheRead / prompt : null;

    // What the API returns: 4 places, like every ratio (issue 10 item 17). The PR comment formats the
    // exact ratio itself, so a percentage is not rounded twice.
    public decimal? CacheHitRatio4 => CacheHitRatio is { } r ? decimal.Round(r, 4, MidpointRounding.AwayFromZero) : null;
}
