namespace BudgetBot.Budgets;

// A negotiated price for one model (USD per 1M tokens), keyed in the policy by canonical model id or,
// for a model the catalog does not know, by the id as sent. A rate left out keeps the catalog's; a
// model the catalog does not know needs at least input and output to be priced.
internal sealed record PriceOverride(decimal? Input, decimal? Output, decimal? CacheRead, decimal? CacheWrite5m, decimal? CacheWrite1h);
