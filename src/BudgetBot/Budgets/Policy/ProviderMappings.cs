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
