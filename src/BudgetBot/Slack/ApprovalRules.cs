using BudgetBot.Budgets;

namespace BudgetBot.Slack;

// Who may decide what, pure. An increase is decided by the first tier (smallest upToUsd) that covers
// the amount and names someone other than the requester: a lead asking for their own team, or a
// budget without leads, goes up to the next tier. "leads" are the leads of the budget's team.
// Experiments beyond the limits go to founders. Never the requester.
internal static class ApprovalRules
{
    public static IReadOnlyList<string> Approvers(BudgetPolicy p, string kind, string budgetId, decimal amountUsd, string requester)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        if (kind == BudgetRequestRow.Experiment)
        {
            found.UnionWith(p.Founders);
        }
        else
        {
            var leads = TeamOf(p, budgetId) is { } team && p.Teams.TryGetValue(team, out var t) ? t.Leads : [];
            foreach (var tier in p.Approvals.Where(t => t.UpToUsd >= amountUsd).OrderBy(t => t.UpToUsd))
            {
                var named = tier.Approvers.SelectMany(who => who switch
                {
                    ApprovalTier.Leads => leads,
                    ApprovalTier.Founders => p.Founders,
                    _ => [who],
                }).Where(u => u != requester).ToList();
                if (named.Count > 0)
                {
                    found.UnionWith(named);
                    break;
                }
            }
        }
        found.Remove(requester);
        return found.ToList();
    }

    // The team a budget belongs to: its team scope, or the team owning its repo.
    public static string? TeamOf(BudgetPolicy p, string budgetId) => p.FindBudget(budgetId)?.Scope.OwningTeam(p);

    // "for <budget>" names a budget id or a team id (that team's budget); without it, the budget of
    // the team whose channel the command was typed in.
    public static BudgetDefinition? ResolveBudget(BudgetPolicy p, string? target, string channel)
    {
        if (target is not null)
        {
            return p.FindBudget(target) ?? TeamBudget(p, target);
        }
        var team = p.Teams.Values.FirstOrDefault(t => string.Equals(t.SlackChannel, channel, StringComparison.Ordinal));
        return team is null ? null : TeamBudget(p, team.Id);
    }

    // Where a request's card goes: the budget's team channel, else where it was asked.
    public static string CardChannel(BudgetPolicy p, string budgetId, string fallback) =>
        TeamOf(p, budgetId) is { } team && p.Teams.TryGetValue(team, out var t) && t.SlackChannel is { Length: > 0 } c ? c : fallback;

    public static BudgetDefinition? TeamBudget(BudgetPolicy p, string team) =>
        p.Budgets.FirstOrDefault(b => b.Scope == BudgetScope.Team(team));
}
