namespace BudgetBot.Usage;

// Tokens of one request (or one aggregate) by billing class. Input is uncached input only: callers
// convert inclusive counts (OpenAI, OTel GenAI) to exclusive before pricing.
internal sealed record TokenCounts(long Input, long Output, long CacheRead, long CacheWrite5m, long CacheWrite1h)
{
    public static TokenCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public long Total => Input + Output + CacheRead + CacheWrite5m + CacheWrite1h;

    // Everything the model read for this request; the long-context tier is decided on this.
    public long Prompt => Input + CacheRead + CacheWrite5m + CacheWrite1h;
}
