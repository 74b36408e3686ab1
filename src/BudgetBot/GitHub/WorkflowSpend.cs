namespace BudgetBot.GitHub;

internal sealed record WorkflowSpend(string Workflow, int Runs, IReadOnlyList<string> Models, long Tokens, long CostMicros);
