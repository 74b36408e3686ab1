using BudgetBot.Budgets;

namespace BudgetBot.GitHub;

// Everything the sticky comment and GET /api/pulls show for one PR, in micro-dollars. The renderer
// is a pure function of this record.
internal sealed record PrSpend(
    string Repo,
    int Number,
    long TotalMicros,
    long Events,
    long UnpricedEvents,
    IReadOnlyList<WorkflowSpend> ByWorkflow,
    IReadOnlyList<ModelSpend> ByModel,
    TokenTotals Tokens,
    IReadOnlyList<RunSpend> Runs,
    IReadOnlyList<BudgetStatus> Budgets,
    MergedPrStats? MergedPrs);
