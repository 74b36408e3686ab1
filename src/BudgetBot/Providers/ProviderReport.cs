namespace BudgetBot.Providers;

// Both reports of one provider over the polled days, already normalised.
internal sealed record ProviderReport(string Provider, IReadOnlyList<ProviderUsage> Usage, IReadOnlyList<ProviderCost> Costs)
{
    // Either report may hold a null workspace or project; both mean the provider's default one.
    public const string DefaultAccount = "default";
}
