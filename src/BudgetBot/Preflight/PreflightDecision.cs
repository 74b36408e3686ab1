namespace BudgetBot.Preflight;

internal sealed record PreflightBudget(string Id, decimal RemainingUsd, string State);

internal sealed record PreflightDecision(bool Allowed, string Reason, string? ReservationId, IReadOnlyList<PreflightBudget> Budgets);
