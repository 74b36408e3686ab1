using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// providers: { anthropic: { workspaces, apiKeys }, openai: { projects, apiKeys } }, each entry
// { team, repo } with at least one of them. Teams must be declared under teams:.
internal static class ProvidersParser
{
    public static ProviderMappings Parse(PolicyReader reader, YamlNode? node, IReadOnlyDictionary<string, TeamPolicy> teams)
    {
        if (node is null)
        {
            return ProviderMappings.Empty;
        }

        var top = reader.Section(node, "providers", "anthropic", "openai");
        var anthropic = top["anthropic"] is { } a ? reader.Section(a, top.PathOf("anthropic"), "workspaces", "apiKeys") : null;
        var openai = top["openai"] is { } o ? reader.Section(o, top.PathOf("openai"), "projects", "apiKeys") : null;
        return new ProviderMappings(
            Targets(reader, anthropic, "workspaces", teams),
            Targets(reader, anthropic, "apiKeys", teams),
            Targets(reader, openai, "projects", teams),
            Targets(reader, openai, "apiKeys", teams));
    }

    private static Dictionary<string, ProviderTarget> Targets(
        PolicyReader reader, PolicySection? section, string key, IReadOnlyDictionary<string, TeamPolicy> teams)
    {
        var targets = new Dictionary<string, ProviderTarget>(StringComparer.Ordinal);
        if (section?[key] is not { } node)
        {
            return targets;
        }

        foreach (var (id, value) in reader.Entries(node, section.PathOf(key)))
        {
            var path = $"{section.PathOf(key)}.{id.Value}";
            var entry = reader.Section(value, path, "team", "repo");
            var team = entry["team"] is { } t ? reader.Text(t, entry.PathOf("team")) : null;
            var repo = entry["repo"] is { } r ? reader.Text(r, entry.PathOf("repo")) : null;
            if (team is not null && !teams.ContainsKey(team) && team != BudgetPolicy.UnassignedTeam)
            {
                reader.Error(entry["team"]!, $"{entry.PathOf("team")} \"{team}\" is not a team declared under teams");
                team = null;
            }
            if (repo is not null && (!RepoPattern.IsValid(repo) || RepoPattern.IsGlob(repo)))
            {
                reader.Error(entry["repo"]!, $"{entry.PathOf("repo")} must be one repository as owner/name, without '*' (got \"{repo}\")");
                repo = null;
            }
            if (value is YamlMappingNode { Children.Count: 0 })
            {
                reader.Error(value, $"{path} needs a team, a repo or both");
            }
            targets[id.Value!] = new ProviderTarget(team, repo?.ToLowerInvariant());
        }

        return targets;
    }
}
