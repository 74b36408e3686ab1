using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// Leads and founders: lists of Slack user ids (U… or W…), never display names, which people change.
internal static class SlackUserList
{
    public static IReadOnlyList<string> Parse(PolicyReader reader, YamlNode? node, string path)
    {
        var users = new List<string>();
        if (node is null)
        {
            return users;
        }

        var items = reader.List(node, path);
        for (var i = 0; i < items.Count; i++)
        {
            if (reader.Text(items[i], $"{path}[{i}]") is not { } user)
            {
                continue;
            }

            if (PolicyIds.SlackUser().IsMatch(user))
            {
                users.Add(user);
            }
            else
            {
                reader.Error(items[i], $"{path}[{i}] must be a Slack user id like U0123ABCD (got \"{user}\")");
            }
        }

        return users;
    }
}
