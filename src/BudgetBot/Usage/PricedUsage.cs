using BudgetBot.Policy;

namespace BudgetBot.Usage;

// An event after pricing and team attribution, ready to store. CostMicros is what counts against
// budgets: the reported cost when the source gave one, else list price less the provider discount.
internal sealed record PricedUsage(
    UsageEvent Event,
    string Team,
    long CostMicros,
    long? ReportedCostMicros,
    long? ListCostMicros,
    bool Unpriced)
{
    public IReadOnlyList<BudgetScope> Scopes => BudgetScope.Of(Team, Event.Repo, Event.Workflow, Event.Experiment);
}
