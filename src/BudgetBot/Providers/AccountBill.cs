namespace BudgetBot.Providers;

// What one provider account was billed on one UTC day, with the usage-report figures that go with
// it. Built from a fresh report at poll time, or from the stored reconciliation when usage for an
// already-billed day arrives late.
internal sealed record AccountBill(string Account, long BilledMicros, string Model, long Tokens, long ListMicros);
