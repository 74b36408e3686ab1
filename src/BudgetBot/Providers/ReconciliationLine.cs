namespace BudgetBot.Providers;

// One provider account on one UTC day: what agents reported, what the provider billed, and the
// remainder booked as the account's "provider remainder" event. List is the catalog price of the
// usage report's tokens; Tokens counts every class.
internal sealed record ReconciliationLine(
    string Provider,
    DateOnly Day,
    string Account,
    string Team,
    string? Repo,
    string Model,
    long ReportedMicros,
    long BilledMicros,
    long Tokens,
    long ListMicros)
{
    public long RemainderMicros => BilledMicros - ReportedMicros;
}
