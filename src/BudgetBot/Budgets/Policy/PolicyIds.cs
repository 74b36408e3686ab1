using System.Text.RegularExpressions;

namespace BudgetBot.Budgets;

// The shapes of names the policy file may contain. Slack ids, not names, because names change.
internal static partial class PolicyIds
{
    // Budget, team and experiment ids appear in Slack commands and URLs, so they stay plain.
    [GeneratedRegex("^[a-z0-9_-]+$")]
    public static partial Regex Id();

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    public static partial Regex SlackUser();

    [GeneratedRegex("^[CG][A-Z0-9]{2,}$")]
    public static partial Regex SlackChannel();

    // GitHub logins, plus the "[bot]" suffix app accounts carry.
    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?$")]
    public static partial Regex GitHubLogin();
}
