namespace BudgetBot.Outbox;

// Sends one channel's messages (github, slack). Senders never throw for a remote failure: they
// answer Retry or Fail so the worker can keep the row.
internal interface IOutboxSender
{
    string Channel { get; }

    Task<OutboxResult> SendAsync(OutboxMessage message, CancellationToken ct);
}
