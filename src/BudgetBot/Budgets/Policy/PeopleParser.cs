using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// people: [{github: octocat, slack: U0123}], the list form of users: { octocat: U0123 }. Both fill one
// GitHub login -> Slack user map (BudgetPolicy.Users), so a login may appear once across the two.
internal static class PeopleParser
{
    public static void Parse(PolicyReader reader, YamlNode? node, Dictionary<string, string> users)
    {
        if (node is null)
        {
            return;
        }

        var items = reader.List(node, "people");
        for (var i = 0; i < items.Count; i++)
        {
            var section = reader.Section(items[i], $"people[{i}]", "github", "slack");
            var github = reader.Required(section, "github") is { } g ? reader.Text(g, section.PathOf("github")) : null;
            var slack = reader.Required(section, "slack") is { } s ? reader.Text(s, section.PathOf("slack")) : null;
            if (github is null || slack is null)
            {
                continue;
            }
            if (!PolicyIds.GitHubLogin().IsMatch(github))
            {
                reader.Error(section["github"]!, $"{section.PathOf("github")}: \"{github}\" is not a GitHub login");
            }
            else if (!PolicyIds.SlackUser().IsMatch(slack))
            {
                reader.Error(section["slack"]!, $"{section.PathOf("slack")} must be a Slack user id like U0123ABCD (got \"{slack}\")");
            }
            else if (!users.TryAdd(github, slack))
            {
                reader.Error(section["github"]!, $"{section.PathOf("github")}: {github} is mapped twice (in users or people; GitHub logins ignore case)");
            }
        }
    }
}
