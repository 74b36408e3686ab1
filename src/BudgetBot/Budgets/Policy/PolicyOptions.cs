namespace BudgetBot.Budgets;

// Bound from the "Policy" configuration section (DESIGN §3).
internal sealed record PolicyOptions
{
    public const string Section = "Policy";

    // Relative paths are looked up in the current directory, then the content root.
    public string Path { get; init; } = "budgetbot.policy.yaml";

    // How often the file is checked for changes; 0 turns reloading off.
    public int ReloadSeconds { get; init; } = 2;
}
