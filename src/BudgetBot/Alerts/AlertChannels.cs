using BudgetBot.Budgets;

namespace BudgetBot.Alerts;

// Where an alert about a budget goes: a team budget to its team's channel, a repo budget to the
// channel of the team owning the repo; anything else (org, workflow, experiment budgets, a team
// without a channel) to the policy's `alerts.channel`, and without one it is recorded and logged,
// not sent.
internal static class AlertChannels
{
    public static string? ForScope(BudgetScope scope, BudgetPolicy policy) =>
        (scope.OwningTeam(policy) is { } team ? TeamChannel(team, policy) : null) ?? policy.Alerts.Channel;

    public static string? ForTeam(string team, BudgetPolicy policy) =>
        TeamChannel(team, policy) ?? policy.Alerts.Channel;

    public static string? TeamChannel(string team, BudgetPolicy policy) =>
        policy.Teams.TryGetValue(team, out var t) && !string.IsNullOrWhiteSpace(t.SlackChannel) ? t.SlackChannel : null;
}
