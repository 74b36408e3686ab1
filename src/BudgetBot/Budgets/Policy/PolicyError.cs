namespace BudgetBot.Budgets;

// Line and Column are 1-based, as editors count them.
internal sealed record PolicyError(int Line, int Column, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
