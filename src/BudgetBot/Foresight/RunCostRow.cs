namespace BudgetBot.Foresight;

internal sealed record RunCostRow(string RunKey, string Model, string? Repo, string? Workflow, long? Pr, long CostMicros, long LastMs);
