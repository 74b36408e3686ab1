namespace BudgetBot.Usage;

// Told about newly stored events after their transaction commits (PR comments, alerts). Duplicates
// are never passed on, so an observer sees each event once per process that stored it.
internal interface IUsageObserver
{
    Task OnStoredAsync(IReadOnlyList<PricedUsage> stored, CancellationToken ct);
}
