namespace BudgetBot.GitHub;

internal sealed record ModelSpend(string Model, long Events, long Tokens, long CostMicros);
