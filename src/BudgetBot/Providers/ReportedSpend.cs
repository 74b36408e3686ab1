namespace BudgetBot.Providers;

// Spend agents reported themselves (every usage source except reconciliation), summed per UTC day,
// provider, model and team. Provider is null when the source did not say; the model decides then.
internal sealed record ReportedSpend(long DayMs, string? Provider, string Model, string Team, long CostMicros);
