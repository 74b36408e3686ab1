namespace BudgetBot.Inbox;

// One stored webhook delivery as the worker claims it. LastError survives a replay, which resets
// Attempts: a delivery that failed before may have committed its state without announcing it.
internal sealed record InboxDelivery(long Id, string DeliveryId, string Event, string? HookTargetId, string Body, long Attempts, string? LastError);
