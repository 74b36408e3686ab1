namespace BudgetBot.Slack;

// Read side of budget requests for the digest. The requests feature replaces the default
// (NoPendingRequests) with services.AddSingleton<IPendingRequests, TheirStore>().
internal interface IPendingRequests
{
    Task<IReadOnlyList<PendingRequest>> PendingAsync(CancellationToken ct);
}
