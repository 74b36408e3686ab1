namespace BudgetBot.GitHub;

internal sealed record TokenTotals(long Input, long Output, long CacheRead, long CacheWrite5m, long CacheWrite1h)
{
    public long Total => Input + Output + CacheRead + CacheWrite5m + CacheWrite1h;

    // Share of prompt tokens served from cache: cache read / (uncached input + cache read + cache writes),
    // rounded to 4 places like every ratio the API returns (issue 10 item 17).
    public decimal? CacheHitRatio =>
        Input + CacheRead + CacheWrite5m + CacheWrite1h is var prompt and > 0
            ? decimal.Round((decimal)CacheRead / prompt, 4, MidpointRounding.AwayFromZero)
            : null;
}
