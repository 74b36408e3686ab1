namespace BudgetBot.Outbox;

// What a sender reports: sent; retry later (RetryAfter from Retry-After or x-ratelimit-reset);
// failed for good (kept as poison for inspection); or nothing to do (an unchanged body).
internal sealed record OutboxResult(OutboxOutcome Outcome, TimeSpan? RetryAfter = null, string? Error = null)
{
    public static readonly OutboxResult Sent = new(OutboxOutcome.Sent);

    public static OutboxResult Skip(string why) => new(OutboxOutcome.Skipped, Error: why);

    public static OutboxResult Retry(string error, TimeSpan? after = null) => new(OutboxOutcome.Retry, after, error);

    public static OutboxResult Fail(string error) => new(OutboxOutcome.Failed, Error: error);
}

internal enum OutboxOutcome
{
    Sent,
    Skipped,
    Retry,
    Failed,
}
