namespace BudgetBot.Slack;

// HTTP 429: wait RetryAfter (Slack's Retry-After header, 1 s when absent) before calling again.
internal sealed class SlackRateLimitedException(string method, TimeSpan retryAfter) : SlackApiException(method, "ratelimited")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
