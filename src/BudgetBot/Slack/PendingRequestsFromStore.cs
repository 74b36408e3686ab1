using BudgetBot.Budgets;

namespace BudgetBot.Slack;

// The digest's view of pending budget requests, read from the requests store.
internal sealed class PendingRequestsFromStore(BudgetRequestStore store, IPolicyProvider policy, TimeProvider clock) : IPendingRequests
{
    public async Task<IReadOnlyList<PendingRequest>> PendingAsync(CancellationToken ct)
    {
        var current = policy.Current;
        var rows = await store.PendingAsync(clock.GetUtcNow(), ct);
        return rows.Select(r => new PendingRequest(
            r.DisplayId, TeamOf(current, r.BudgetId), r.BudgetId, BudgetBot.Budgets.Money.FromMicros(r.AmountMicros), r.Requester,
            r.Reason, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtMs))).ToList();
    }

    private static string? TeamOf(BudgetPolicy policy, string budgetId) => policy.FindBudget(budgetId)?.Scope.OwningTeam(policy);
}

// Read side of budget requests for the digest (PendingRequestsFromStore, registered by AddSlack).
internal interface IPendingRequests
{
    Task<IReadOnlyList<PendingRequest>> PendingAsync(CancellationToken ct);
}
