namespace BudgetBot.Usage;

// Rates (USD per 1M tokens) that replace the base rates for a whole request whose prompt exceeds
// AboveInputTokens. A null cache-write rate means the provider has no such charge.
internal sealed record LongContextTier(
    long AboveInputTokens,
    decimal Input,
    decimal Output,
    decimal CacheRead,
    decimal? CacheWrite5m,
    decimal? CacheWrite1h);
