namespace BudgetBot.Providers;

// Providers: how many UTC days back each poll re-reads. Providers revise recent days for a while, so
// every poll reconciles the whole window again; the remainders are updated in place.
internal sealed class ProvidersOptions
{
    public int LookbackDays { get; set; } = 7;
}
