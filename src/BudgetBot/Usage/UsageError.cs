namespace BudgetBot.Usage;

// One problem with one event of a batch: which event, which field, what is wrong.
internal sealed record UsageError(int Index, string Field, string Message);
