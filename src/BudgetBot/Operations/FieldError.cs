namespace BudgetBot.Operations;

// One problem with one item of a request: which item (0 for a single body), which field, what is wrong.
// Every reader of a request body reports these, and Problems.Invalid lists them all.
internal sealed record FieldError(int Index, string Field, string Message);
