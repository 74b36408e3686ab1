namespace BudgetBot.Usage;

// What a model id resolves to: the vendor that served it (aws for a Bedrock id), the price entry it
// matched (the vendor's own, else a fallback's or the first party's), the one canonical model
// reports show, and the price in force.
internal sealed record PriceResolution(string Vendor, string Entry, string CanonicalModel, ModelPrice Price);
