namespace BudgetBot.Usage;

// Pricing:CatalogPath points at a newer genai-prices data.json than the embedded one; it is re-read
// every ReloadSeconds and an invalid file leaves the last good catalog in place.
internal sealed class PricingOptions
{
    public string? CatalogPath { get; set; }

    public int ReloadSeconds { get; set; } = 60;
}
