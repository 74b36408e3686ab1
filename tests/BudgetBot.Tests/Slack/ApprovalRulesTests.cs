using BudgetBot.Budgets;
using BudgetBot.Slack;

namespace BudgetBot.Tests.Slack;

// Who may decide a request, which team a budget belongs to, and where its card goes: pure functions
// of the policy, one row per edge.
public sealed class ApprovalRulesTests
{
    private const string Policy = """
        timezone: UTC
        teams:
          platform:
            repos: [acme/api]
            slackChannel: C0PLATFORM
            leads: [U0LEAD1]
          growth:
            repos: [acme/web]
            slackChannel: C0GROWTH
            leads: [U0LEAD2, U0LEAD3]
          quiet:
            repos: [acme/quiet]
        budgets:
          - { id: platform, scope: "team:platform", amountUsd: 5000, period: "0 0 1 * *" }
          - { id: growth-monthly, scope: "team:growth", amountUsd: 3000, period: "0 0 1 * *" }
          - { id: web, scope: "repo:acme/web", amountUsd: 500, period: "0 0 1 * *" }
          - { id: orphan, scope: "repo:acme/orphan", amountUsd: 500, period: "0 0 1 * *" }
          - { id: quiet, scope: "team:quiet", amountUsd: 100, period: "0 0 1 * *" }
          - { id: review-agents, scope: "workflow:claude-review", amountUsd: 100, period: "0 0 * * MON" }
        approvals:
          - upToUsd: 1000
            approvers: [leads]
          - upToUsd: 5000
            approvers: [U0FINANCE]
          - upToUsd: 20000
            approvers: [founders]
        founders: [U0FOUNDER, U0FOUNDER2]
        """;

    private static readonly BudgetPolicy P = PolicyParser.Parse(Policy).Policy ?? throw new InvalidOperationException("the policy does not parse");

    [Theory]
    [InlineData("increase", "platform", "500", "U0DEV", "U0LEAD1")]
    [InlineData("increase", "platform", "1000", "U0DEV", "U0LEAD1")] // a tier covers its own limit
    [InlineData("increase", "platform", "1000.01", "U0DEV", "U0FINANCE")]
    [InlineData("increase", "platform", "5000.01", "U0DEV", "U0FOUNDER U0FOUNDER2")]
    [InlineData("increase", "platform", "20000", "U0DEV", "U0FOUNDER U0FOUNDER2")]
    [InlineData("increase", "platform", "20000.01", "U0DEV", "")] // beyond every tier: nobody
    [InlineData("increase", "platform", "500", "U0LEAD1", "U0FINANCE")] // a lead asking for their own team goes up
    [InlineData("increase", "growth-monthly", "500", "U0LEAD2", "U0LEAD3")] // ... unless another lead remains
    [InlineData("increase", "web", "500", "U0DEV", "U0LEAD2 U0LEAD3")] // a repo budget: the leads of the team owning the repo
    [InlineData("increase", "orphan", "500", "U0DEV", "U0FINANCE")] // a repo no team owns has no leads
    [InlineData("increase", "quiet", "500", "U0DEV", "U0FINANCE")] // a team without leads
    [InlineData("increase", "review-agents", "500", "U0DEV", "U0FINANCE")] // a workflow budget has no team
    [InlineData("increase", "no-such-budget", "500", "U0DEV", "U0FINANCE")]
    [InlineData("increase", "platform", "6000", "U0FOUNDER", "U0FOUNDER2")] // never the requester
    [InlineData("experiment", "experiment:try-o3", "50", "U0DEV", "U0FOUNDER U0FOUNDER2")] // experiments go to founders, any amount
    [InlineData("experiment", "experiment:try-o3", "50000", "U0FOUNDER2", "U0FOUNDER")]
    public void Approvers_AreTheFirstCoveringTierThatNamesSomeoneElse(string kind, string budgetId, string amountUsd, string requester, string expected)
    {
        var approvers = ApprovalRules.Approvers(P, kind, budgetId, decimal.Parse(amountUsd, System.Globalization.CultureInfo.InvariantCulture), requester);

        Assert.Equal(expected, string.Join(' ', approvers));
    }

    [Theory]
    [InlineData("platform", "platform")]
    [InlineData("growth-monthly", "growth")]
    [InlineData("web", "growth")]
    [InlineData("orphan", null)]
    [InlineData("review-agents", null)]
    [InlineData("no-such-budget", null)]
    public void TeamOf_IsTheTeamScopeOrTheTeamOwningTheRepo(string budgetId, string? expected) =>
        Assert.Equal(expected, ApprovalRules.TeamOf(P, budgetId));

    [Theory]
    [InlineData("platform", "C0PLATFORM")]
    [InlineData("web", "C0GROWTH")]
    [InlineData("quiet", "C0ASKED")] // the team has no channel
    [InlineData("orphan", "C0ASKED")]
    [InlineData("review-agents", "C0ASKED")]
    public void CardChannel_IsTheTeamsChannel_ElseWhereItWasAsked(string budgetId, string expected) =>
        Assert.Equal(expected, ApprovalRules.CardChannel(P, budgetId, "C0ASKED"));

    [Theory]
    [InlineData("web", "C0PLATFORM", "web")] // a budget id wins over the channel
    [InlineData("growth", "C0PLATFORM", "growth-monthly")] // a team id names that team's budget
    [InlineData(null, "C0GROWTH", "growth-monthly")] // no target: the budget of the channel's team
    [InlineData(null, "C0PLATFORM", "platform")]
    [InlineData(null, "C0ELSEWHERE", null)]
    [InlineData("nobody", "C0PLATFORM", null)]
    public void ResolveBudget_TakesABudgetOrTeamId_ElseTheChannelsTeam(string? target, string channel, string? expected) =>
        Assert.Equal(expected, ApprovalRules.ResolveBudget(P, target, channel)?.Id);
}
