using System.Data.Common;

namespace BudgetBot.Budgets;

// Told, inside the transaction that decides or expires a request, what became of it: GitHub
// answers on the PR that asked and re-runs its check. Owned here so Slack's approval flow, which
// decides, does not depend on GitHub.
internal interface IRequestOutcomes
{
    Task DecidedAsync(DbConnection c, DbTransaction tx, RequestOutcome outcome, CancellationToken ct);
}

// State: approved, denied or expired. DecidedBy: the Slack user (null when expired). Until: when the
// approved grant's period ends (null when unknown or not approved).
internal sealed record RequestOutcome(
    long RequestId,
    string DisplayId,
    string State,
    string BudgetId,
    long AmountMicros,
    string? DecidedBy,
    string? Note,
    DateTimeOffset? Until);
