namespace BudgetBot.Providers;

internal sealed record ReconciliationRow(
    string Provider, long DayMs, string Account, string Team, long ReportedMicros, long BilledMicros, long RemainderMicros, long Tokens, long ListMicros);
