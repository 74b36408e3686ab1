namespace BudgetBot.Budgets;

// Where one provider account (workspace, project or API key) spends: a team, a repository, or both.
// Team wins when both are given; a repo alone resolves to its team as usage events do.
internal sealed record ProviderTarget(string? Team, string? Repo)
{
    public string ResolveTeam(BudgetPolicy policy) => Team ?? policy.ResolveTeam(Repo);
}
