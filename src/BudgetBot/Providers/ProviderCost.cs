namespace BudgetBot.Providers;

// One cost-report line: what the provider billed an account on one UTC day, in dollars.
internal sealed record ProviderCost(DateOnly Day, string Account, decimal AmountUsd);
