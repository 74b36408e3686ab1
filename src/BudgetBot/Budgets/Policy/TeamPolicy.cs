namespace BudgetBot.Budgets;

// Repos are exact "owner/name" or globs with '*' (never crossing the '/'), compared case-insensitively
// because GitHub names are.
internal sealed record TeamPolicy(string Id, IReadOnlyList<string> Repos, string? SlackChannel, IReadOnlyList<string> Leads);
