namespace BudgetBot.Budgets;

// What a /budget text means, before anything acts on it (parse, then dispatch). A closed family of
// small records, kept together so the grammar reads in one place.
internal abstract record BudgetCommand;

internal sealed record HelpCommand : BudgetCommand;

internal sealed record StatusCommand(string? Target) : BudgetCommand;

internal sealed record RequestCommand(decimal AmountUsd, string? Budget, string Reason) : BudgetCommand;

internal sealed record ExperimentCommand(decimal AmountUsd, int Days, string Name, string? Reason) : BudgetCommand;

internal sealed record ListRequestsCommand : BudgetCommand;

internal sealed record ParseError(string Message) : BudgetCommand
{
    public string Usage => BudgetCommandParser.Usage;
}
