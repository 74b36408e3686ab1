using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// teams: { <id>: { repos, slackChannel, leads, members } }. members: GitHub logins who see this team on the
// dashboard (docs/decisions/dashboard-team-members.md); a login may belong to several teams.
internal static class TeamsParser
{
    public static Dictionary<string, TeamPolicy> Parse(PolicyReader reader, YamlNode? node)
    {
        var teams = new Dictionary<string, TeamPolicy>(StringComparer.Ordinal);
        if (node is null)
        {
            return teams;
        }

        // Pattern -> where it was first claimed, so a repo listed under two teams is caught.
        var claimed = new Dictionary<string, (string Team, int Line)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in reader.Entries(node, "teams"))
        {
            var id = key.Value!;
            var path = $"teams.{id}";
            if (!PolicyIds.Id().IsMatch(id))
            {
                reader.Error(key, $"{path}: team id must be lowercase letters, digits, '-' or '_'");
            }

            var section = reader.Section(value, path, "repos", "slackChannel", "leads", "members");
            var repos = Repos(reader, section, id, claimed);
            string? channel = null;
            if (section["slackChannel"] is { } channelNode && reader.Text(channelNode, section.PathOf("slackChannel")) is { } text)
            {
                if (PolicyIds.SlackChannel().IsMatch(text))
                {
                    channel = text;
                }
                else
                {
                    reader.Error(channelNode, $"{section.PathOf("slackChannel")} must be a Slack channel id like C0123ABCD, not a name (got \"{text}\")");
                }
            }

            var leads = SlackUserList.Parse(reader, section["leads"], section.PathOf("leads"));
            var members = Members(reader, section["members"], section.PathOf("members"));
            teams[id] = new TeamPolicy(id, repos, channel, leads, members);
        }

        return teams;
    }

    private static List<string> Members(PolicyReader reader, YamlNode? node, string path)
    {
        var members = new List<string>();
        if (node is null)
        {
            return members;
        }

        var items = reader.List(node, path);
        for (var i = 0; i < items.Count; i++)
        {
            if (reader.Text(items[i], $"{path}[{i}]") is not { } login)
            {
                continue;
            }

            if (!PolicyIds.GitHubLogin().IsMatch(login) || login.Length > 39)
            {
                reader.Error(items[i], $"{path}[{i}] must be a GitHub login like octocat (got \"{login}\")");
            }
            else if (members.Contains(login, StringComparer.OrdinalIgnoreCase))
            {
                reader.Error(items[i], $"{path}[{i}] \"{login}\" is listed twice");
            }
            else
            {
                members.Add(login);
            }
        }

        return members;
    }

    private static List<string> Repos(
        PolicyReader reader, PolicySection section, string team, Dictionary<string, (string Team, int Line)> claimed)
    {
        var repos = new List<string>();
        // Optional: a team can also be reached only through the "team" field on usage events.
        if (section["repos"] is not { } node)
        {
            return repos;
        }

        var items = reader.List(node, section.PathOf("repos"));
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{section.PathOf("repos")}[{i}]";
            if (reader.Text(items[i], path) is not { } pattern)
            {
                continue;
            }

            if (!RepoPattern.IsValid(pattern))
            {
                reader.Error(items[i], $"{path} must be owner/name, optionally with '*' (got \"{pattern}\")");
            }
            else if (claimed.TryGetValue(pattern, out var first))
            {
                reader.Error(items[i], $"{path} \"{pattern}\" is already listed for team {first.Team} on line {first.Line}");
            }
            else
            {
                claimed[pattern] = (team, checked((int)items[i].Start.Line));
                repos.Add(pattern);
            }
        }

        return repos;
    }
}
