namespace BudgetBot.Alerts;

// One workflow's spend in a window: Runs counts distinct workflow runs; MergedPrs and MergedCostMicros
// are its spend on pull requests merged in the window, when merge data is known (null otherwise).
// Queries read rows as tuples and build this, since Dapper maps records by their full constructor.
internal sealed record DigestWorkflowSpend(string Workflow, long CostMicros, long Runs, long? MergedPrs = null, long? MergedCostMicros = null)
{
    public long? PerRunMicros => Runs > 0 ? CostMicros / Runs : null;

    public long? PerMergedPrMicros => MergedPrs is > 0 && MergedCostMicros is { } cost ? cost / MergedPrs.Value : null;
}
