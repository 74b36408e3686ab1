namespace BudgetBot.Budgets;

// `budgetbot policy check FILE`: for CI and for editing by hand. Errors use the FILE:LINE:COL: form that
// editors and CI problem matchers turn into links.
internal static class PolicyCheckCommand
{
    public static int Run(string path, TextWriter stdout, TextWriter stderr, Func<string, bool>? knownModel = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{path}: cannot read the policy file: {ex.Message}");
            return 1;
        }

        var result = PolicyParser.Parse(text, knownModel);
        if (result.Policy is { } policy)
        {
            stdout.WriteLine($"policy OK: {Count(policy.Teams.Count, "team")}, {Count(policy.Budgets.Count, "budget")}");
            return 0;
        }

        foreach (var error in result.Errors)
        {
            stderr.WriteLine($"{path}:{error.Line}:{error.Column}: {error.Message}");
        }

        stderr.WriteLine($"policy invalid: {Count(result.Errors.Count, "error")}");
        return 1;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
