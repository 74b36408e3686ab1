namespace BudgetBot.Slack;

// Read side of budget requests for the digest (PendingRequestsFromStore, registered by AddSlack).
internal interface IPendingRequests
{
    Task<IReadOnlyList<PendingRequest>> PendingAsync(CancellationToken ct);
}
