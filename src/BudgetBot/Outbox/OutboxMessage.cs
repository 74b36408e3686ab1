namespace BudgetBot.Outbox;

// One outgoing call. Target is the coalescing key ("github:acme/api#42:comment"): a newer
// coalescing message for the same target supersedes an unsent older one, and messages to one
// target are sent one at a time, in order.
internal sealed record OutboxMessage(long Id, string Channel, string Kind, string Target, string Payload, long Attempts);

internal sealed record OutboxEnqueue(string Channel, string Kind, string Target, string Payload, DateTimeOffset DueAt, bool Coalesce);
