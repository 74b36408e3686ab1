namespace BudgetBot.Slack;

// Until the requests feature is registered there are none to list.
internal sealed class NoPendingRequests : IPendingRequests
{
    public Task<IReadOnlyList<PendingRequest>> PendingAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PendingRequest>>([]);
}
