namespace BudgetBot.Outbox;

// What a sender reports: sent; retry later (a failed attempt, after RetryAfter or the back-off);
// wait (Retry-After, a rate limit or pacing: due later, not an attempt); failed for good (kept for
// inspection and `outbox replay`); or nothing to do (an unchanged body).
internal sealed record OutboxResult(OutboxOutcome Outcome, TimeSpan? RetryAfter = null, string? Error = null)
{
    public static readonly OutboxResult Sent = new(OutboxOutcome.Sent);

    public static OutboxResult Skip(string why) => new(OutboxOutcome.Skipped, Error: why);

    public static OutboxResult Retry(string error, TimeSpan? after = null) => new(OutboxOutcome.Retry, after, error);

    public static OutboxResult Wait(string why, TimeSpan after) => new(OutboxOutcome.Waiting, after, why);

    public static OutboxResult Fail(string error) => new(OutboxOutcome.Failed, Error: error);
}

internal enum OutboxOutcome
{
    Sent,
    Skipped,
    Retry,
    Waiting,
    Failed,
}

// Sends one channel's messages (github, slack). Senders never throw for a remote failure: they
// answer Retry or Fail so the worker can keep the row.
internal interface IOutboxSender
{
    string Channel { get; }

    Task<OutboxResult> SendAsync(OutboxMessage message, CancellationToken ct);
}
