namespace BudgetBot.Policy;

// Discounts are fractions off list price per provider (0.15 = 15 % off), keyed case-insensitively.
internal sealed record PricingSettings(IReadOnlyDictionary<string, decimal> Discounts)
{
    public static PricingSettings Default { get; } =
        new(new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase));
}
