using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// approvals: [ { upToUsd, approvers } ], smallest tier first. A request is decided by the first tier
// whose upToUsd covers it, so the tiers must climb.
internal static class ApprovalsParser
{
    public static List<ApprovalTier> Parse(PolicyReader reader, YamlNode? node, IReadOnlyList<string> founders)
    {
        var tiers = new List<ApprovalTier>();
        if (node is null)
        {
            return tiers;
        }

        var items = reader.List(node, "approvals");
        decimal? previous = null;
        for (var i = 0; i < items.Count; i++)
        {
            var section = reader.Section(items[i], $"approvals[{i}]", "upToUsd", "approvers");
            var upTo = reader.Required(section, "upToUsd") is { } upToNode
                ? reader.Decimal(upToNode, section.PathOf("upToUsd"), d => d > 0, "a positive number")
                : null;
            if (upTo is { } amount && previous is { } last && amount <= last)
            {
                reader.Error(section["upToUsd"]!, $"{section.PathOf("upToUsd")} must be larger than the tier before it ({amount} after {last})");
                upTo = null;
            }

            previous = upTo ?? previous;
            var approvers = reader.Required(section, "approvers") is { } approversNode
                ? Approvers(reader, approversNode, section.PathOf("approvers"), founders)
                : null;
            if (upTo is { } limit && approvers is not null)
            {
                tiers.Add(new ApprovalTier(limit, approvers));
            }
        }

        return tiers;
    }

    private static List<string>? Approvers(PolicyReader reader, YamlNode node, string path, IReadOnlyList<string> founders)
    {
        var items = reader.List(node, path);
        if (node is YamlSequenceNode && items.Count == 0)
        {
            reader.Error(node, $"{path} must name at least one approver");
        }

        var approvers = new List<string>();
        var ok = items.Count > 0;
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var text = reader.Text(items[i], itemPath);
            string? problem = text switch
            {
                null => "",
                ApprovalTier.Founders when founders.Count == 0 => $"{itemPath} is \"founders\" but the founders list is empty",
                ApprovalTier.Leads or ApprovalTier.Founders => null,
                _ when PolicyIds.SlackUser().IsMatch(text) => null,
                _ => $"{itemPath} must be leads, founders or a Slack user id like U0123ABCD (got \"{text}\")",
            };
            if (problem is null)
            {
                approvers.Add(text!);
                continue;
            }

            ok = false;
            if (problem.Length > 0)
            {
                reader.Error(items[i], problem);
            }
        }

        return ok ? approvers : null;
    }
}
