using BudgetBot.Budgets;

namespace BudgetBot.Usage;

// An event after pricing and team attribution, ready to store. CostMicros is what counts against
// budgets: the reported cost when the source gave one, else list price less the provider discount.
// CanonicalModel is the catalog's one name for the model (reports group by it); Event.Model is raw.
internal sealed record PricedUsage(
    UsageEvent Event,
    string Team,
    long CostMicros,
    long? ReportedCostMicros,
    long? ListCostMicros,
    bool Unpriced)
{
    public string CanonicalModel { get; init; } = Event.Model;

    // Who served the request when the event did not say (aws for a Bedrock id): stored as its
    // provider, so reconciliation does not take Bedrock spend for Anthropic's once the model is canonical.
    public string? InferredProvider { get; init; }

    public IReadOnlyList<BudgetScope> Scopes => BudgetScope.Of(Team, Event.Repo, Event.Workflow, Event.Experiment);
}
