namespace BudgetBot.Usage;

// List price of one canonical model, USD per 1M tokens. A null cache-write rate means the provider
// does not charge for cache writes (OpenAI, Gemini); such tokens are billed at the input rate.
// BatchDiscount is the fraction taken off every class for Batch API requests (0 where none).
internal sealed record ModelPrice(
    string Id,
    string Provider,
    decimal Input,
    decimal Output,
    decimal CacheRead,
    decimal? CacheWrite5m,
    decimal? CacheWrite1h,
    LongContextTier? LongContext,
    decimal BatchDiscount);
