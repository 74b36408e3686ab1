namespace BudgetBot.Budgets;

// Approvers are the words "leads" (the team's leads) and "founders", or Slack user ids.
internal sealed record ApprovalTier(decimal UpToUsd, IReadOnlyList<string> Approvers)
{
    public const string Leads = "leads";
    public const string Founders = "founders";
}
