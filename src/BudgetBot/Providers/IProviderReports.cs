namespace BudgetBot.Providers;

// A provider's admin API as the poller sees it: is a key configured, and the two reports for a span
// of UTC days. Another source (Anthropic's newer analytics API) can replace one without the poller knowing.
internal interface IProviderReports
{
    string Provider { get; }

    bool IsConfigured { get; }

    Task<ProviderReport> FetchAsync(DateOnly from, DateOnly toExclusive, CancellationToken ct);
}
