namespace BudgetBot.Usage;

// Told about newly stored events after their transaction commits, best effort: a crash between the
// commit and the call loses it, so what must happen is an IUsageEffect instead. Duplicates are never
// passed on, so an observer sees each event once per process that stored it.
internal interface IUsageObserver
{
    Task OnStoredAsync(IReadOnlyList<PricedUsage> stored, CancellationToken ct);
}
