namespace BudgetBot.Budgets;

// Discounts are fractions off list price per provider (0.15 = 15 % off), keyed case-insensitively.
// Overrides replace catalog rates per model; an overridden model is not discounted again.
internal sealed record PricingSettings(IReadOnlyDictionary<string, decimal> Discounts)
{
    public static PricingSettings Default { get; } =
        new(new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase));

    public IReadOnlyDictionary<string, PriceOverride> Overrides { get; init; } =
        new Dictionary<string, PriceOverride>(StringComparer.OrdinalIgnoreCase);
}

// A negotiated price for one model (USD per 1M tokens), keyed in the policy by canonical model id or,
// for a model the catalog does not know, by the id as sent. A rate left out keeps the catalog's; a
// model the catalog does not know needs at least input and output to be priced.
internal sealed record PriceOverride(decimal? Input, decimal? Output, decimal? CacheRead, decimal? CacheWrite5m, decimal? CacheWrite1h);
