using BudgetBot.Budgets;

namespace BudgetBot.Tests.Policy;

internal static class PolicyErrorAssert
{
    // One mistake per case: the file is refused with exactly one error, on the mistake's own line.
    public static void OneErrorOnItsLine(string yaml, int line, string message)
    {
        var result = PolicyParser.Parse(yaml);

        Assert.Null(result.Policy);
        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
    }
}
