namespace BudgetBot.Inbox;

// One stored webhook delivery as the worker claims it.
internal sealed record InboxDelivery(long Id, string DeliveryId, string Event, string? HookTargetId, string Body, long Attempts);
