namespace BudgetBot.Alerts;

// Workflows ranked by cost per unit of work (DESIGN §11: never by person): cost per merged PR where
// known, then cost per run, then total; ties by name so the order is stable.
internal static class WorkflowRanking
{
    public static IReadOnlyList<DigestWorkflowSpend> Top(IEnumerable<DigestWorkflowSpend> workflows, int count) =>
        workflows
            .OrderByDescending(w => w.PerMergedPrMicros.HasValue)
            .ThenByDescending(w => w.PerMergedPrMicros ?? 0)
            .ThenByDescending(w => w.PerRunMicros ?? 0)
            .ThenByDescending(w => w.CostMicros)
            .ThenBy(w => w.Workflow, StringComparer.Ordinal)
            .Take(count)
            .ToList();
}
