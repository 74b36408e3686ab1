using BudgetBot.Budgets;

namespace BudgetBot.Preflight;

internal sealed record PreflightBudget(string Id, decimal RemainingUsd, BudgetState State);

internal sealed record PreflightDecision(bool Allowed, string Reason, string? ReservationId, IReadOnlyList<PreflightBudget> Budgets)
{
    // The amount checked and reserved, and where it came from (the caller, or learned from history).
    public PreflightEstimate? Estimate { get; init; }

    // A cheaper model the policy's routing rule prefers for this workflow, once a soft budget of the
    // run's scope is past the rule's suggestAtPercent. Advice only: BudgetBot never changes a model.
    public string? SuggestedModel { get; init; }
}

internal sealed record PreflightEstimate(decimal Usd, string Basis);
