namespace BudgetBot.Slack;

// A budget request still waiting for a decision, as the digest lists it. Team is the team whose
// channel got the request card (null when none did).
internal sealed record PendingRequest(
    string Id,
    string? Team,
    string BudgetId,
    decimal AmountUsd,
    string RequestedBy,
    string Reason,
    DateTimeOffset CreatedAt);
