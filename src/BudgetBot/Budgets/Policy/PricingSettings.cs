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
