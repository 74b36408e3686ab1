namespace BudgetBot.Pricing;

// What a model id resolves to: the vendor whose price applies (aws for a Bedrock id), the entry of
// that vendor's table it matched, the one canonical model reports show, and the price in force.
internal sealed record PriceResolution(string Vendor, string Entry, string CanonicalModel, ModelPrice Price);
