using BudgetBot.Budgets;
using BudgetBot.Routing;
using BudgetBot.Dashboard;
using BudgetBot.Slack;

namespace BudgetBot.Alerts;

// Everything one team's digest shows, gathered first so rendering stays a pure function.
// Workflows are already ranked; MergeDataKnown says whether cost per merged PR could be computed.
// Links is set when Dashboard:PublicUrl is: the digest then links to the overview and each budget.
internal sealed record TeamDigest(
    string Team,
    string Channel,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<BudgetStatus> Budgets,
    IReadOnlyList<DigestWorkflowSpend> Workflows,
    bool MergeDataKnown,
    IReadOnlyList<PendingRequest> Pending,
    IReadOnlyList<UnpricedModel> Unpriced,
    DashboardLinks? Links = null)
{
    // The team's largest routing savings in the window (the best what-if of each workflow), at most three.
    public IReadOnlyList<WorkflowRouting> Routing { get; init; } = [];
}
