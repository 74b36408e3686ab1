namespace BudgetBot.Budgets;

// providers: which team or repository each provider account spends for (DESIGN §6, issue 5).
// The bills come per Anthropic workspace and per OpenAI project, so those are what reconciliation
// attributes; API keys are kept for when a report breaks spend down by key.
internal sealed record ProviderMappings(
    IReadOnlyDictionary<string, ProviderTarget> AnthropicWorkspaces,
    IReadOnlyDictionary<string, ProviderTarget> AnthropicApiKeys,
    IReadOnlyDictionary<string, ProviderTarget> OpenAiProjects,
    IReadOnlyDictionary<string, ProviderTarget> OpenAiApiKeys)
{
    public static ProviderMappings Empty { get; } = new(
        new Dictionary<string, ProviderTarget>(StringComparer.Ordinal),
        new Dictionary<string, ProviderTarget>(StringComparer.Ordinal),
        new Dictionary<string, ProviderTarget>(StringComparer.Ordinal),
        new Dictionary<string, ProviderTarget>(StringComparer.Ordinal));

    // The account key is what the provider reports: a workspace id for Anthropic, a project id for OpenAI.
    public ProviderTarget? Find(string provider, string account)
    {
        var map = provider switch
        {
            "anthropic" => AnthropicWorkspaces,
            "openai" => OpenAiProjects,
            _ => null,
        };
        return map is not null && map.TryGetValue(account, out var target) ? target : null;
    }
}

// Where one provider account (workspace, project or API key) spends: a team, a repository, or both.
// Team wins when both are given; a repo alone resolves to its team as usage events do.
internal sealed record ProviderTarget(string? Team, string? Repo)
{
    public string ResolveTeam(BudgetPolicy policy) => Team ?? policy.ResolveTeam(Repo);
}
