namespace BudgetBot.Budgets;

// What the ledger says of one budget in one period, in micro-dollars.
internal readonly record struct BudgetFigures(long SpentMicros, long GrantedMicros, long ReservedMicros, long UnpricedEvents);
