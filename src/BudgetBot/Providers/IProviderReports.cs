using BudgetBot.Usage;

namespace BudgetBot.Providers;

// A provider's admin API as the poller sees it: is a key configured, and the two reports for a span
// of UTC days. Another source (Anthropic's newer analytics API) can replace one without the poller knowing.
internal interface IProviderReports
{
    string Provider { get; }

    bool IsConfigured { get; }

    Task<ProviderReport> FetchAsync(DateOnly from, DateOnly toExclusive, CancellationToken ct);
}

// Both reports of one provider over the polled days, already normalised.
internal sealed record ProviderReport(string Provider, IReadOnlyList<ProviderUsage> Usage, IReadOnlyList<ProviderCost> Costs)
{
    // Either report may hold a null workspace or project; both mean the provider's default one.
    public const string DefaultAccount = "default";
}

// One usage-report row: a provider account's tokens for one model on one UTC day. Account is the
// Anthropic workspace or OpenAI project ("default" when the report leaves it null).
internal sealed record ProviderUsage(DateOnly Day, string Account, string Model, TokenCounts Tokens, bool Batch, bool LongContext);

// One cost-report line: what the provider billed an account on one UTC day, in dollars.
internal sealed record ProviderCost(DateOnly Day, string Account, decimal AmountUsd);
