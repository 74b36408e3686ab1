using BudgetBot.Budgets;

namespace BudgetBot.Preflight;

internal sealed record PreflightBudget(string Id, decimal RemainingUsd, BudgetState State);

internal sealed record PreflightDecision(bool Allowed, string Reason, string? ReservationId, IReadOnlyList<PreflightBudget> Budgets)
{
    // The amount checked and reserved, and where it came from (the caller, or learned from history).
    public PreflightEstimate? Estimate { get; init; }
}
