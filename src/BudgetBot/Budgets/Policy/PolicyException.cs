namespace BudgetBot.Budgets;

// Thrown at start-up only; its message is what the operator reads, so it lists every error.
internal sealed class PolicyException : Exception
{
    private PolicyException(string path, IReadOnlyList<PolicyError> errors, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Errors = errors;
    }

    public string Path { get; }

    public IReadOnlyList<PolicyError> Errors { get; }

    public static PolicyException Invalid(string path, IReadOnlyList<PolicyError> errors) =>
        new(path, errors, $"Policy file {path} has {Count(errors.Count)}:{Environment.NewLine}{Format(errors)}");

    public static PolicyException Unreadable(string path, Exception inner) =>
        new(path, [], $"Policy file {path} cannot be read: {inner.Message}", inner);

    public static PolicyException NotFound(string path, IEnumerable<string> searched) =>
        new(path, [], $"Policy file {path} not found; looked for {string.Join(", ", searched)}. Set Policy:Path or create the file (see the commented sample budgetbot.policy.yaml).");

    public static string Format(IEnumerable<PolicyError> errors) =>
        string.Join(Environment.NewLine, errors.Select(e => $"  {e}"));

    private static string Count(int n) => n == 1 ? "1 error" : $"{n} errors";
}
