using BudgetBot.Policy;

namespace BudgetBot.Alerts;

// Where an alert about a budget goes. The policy names channels only per team, so a team budget
// goes to its team, a repo budget to the team owning the repo, and org, workflow and experiment
// budgets have no channel (the alert is recorded and logged, not sent).
internal static class AlertChannels
{
    public static string? TeamFor(string scope, BudgetPolicy policy)
    {
        if (scope.StartsWith("team:", StringComparison.Ordinal))
        {
            return scope["team:".Length..];
        }
        if (scope.StartsWith("repo:", StringComparison.Ordinal))
        {
            var team = policy.ResolveTeam(scope["repo:".Length..]);
            return team == BudgetPolicy.UnassignedTeam ? null : team;
        }
        return null;
    }

    public static string? ForScope(string scope, BudgetPolicy policy) =>
        TeamFor(scope, policy) is { } team ? ForTeam(team, policy) : null;

    public static string? ForTeam(string team, BudgetPolicy policy) =>
        policy.Teams.TryGetValue(team, out var t) && !string.IsNullOrWhiteSpace(t.SlackChannel) ? t.SlackChannel : null;

    // The outbox target: posts to one channel are sent one at a time, in order.
    public static string Target(string channel) => "slack:" + channel;
}
