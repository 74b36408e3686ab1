using BudgetBot.Outbox;

namespace BudgetBot.GitHub;

// Maps a failed GitHub answer to what the outbox should do (docs/reference/github.md §4): wait for
// Retry-After when given; else, with the primary limit spent, until x-ratelimit-reset; a secondary
// limit without headers waits a minute; 401 (token dropped) and 5xx retry with the worker's back-off;
// any other 4xx is a request GitHub will never accept, kept as failed for inspection.
internal static class GitHubErrors
{
    private static readonly TimeSpan SecondaryLimitWait = TimeSpan.FromMinutes(1);

    public static OutboxResult Classify(GitHubResponse r, DateTimeOffset now, string what)
    {
        var error = $"{what} answered {r.Status}" + (r.Message.Length > 0 ? ": " + r.Message : "");
        // Waiting out a rate limit is not a failed attempt (OutboxResult.Wait); a 5xx with Retry-After is.
        var limited = r.Status is 403 or 429;
        if (r.RetryAfter is { } after)
        {
            var wait = after < TimeSpan.Zero ? TimeSpan.Zero : after;
            return limited ? OutboxResult.Wait(error, wait) : OutboxResult.Retry(error, wait);
        }
        if (limited && r.RateLimitRemaining == 0 && r.RateLimitReset is { } reset)
        {
            var wait = reset - now;
            return OutboxResult.Wait(error, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
        }
        if (r.Status == 429 || (r.Status == 403 && r.Message.Contains("rate limit", StringComparison.OrdinalIgnoreCase)))
        {
            return OutboxResult.Wait(error, SecondaryLimitWait);
        }
        if (r.Status is 401 or 408 || r.Status >= 500)
        {
            return OutboxResult.Retry(error);
        }
        return OutboxResult.Fail(error);
    }
}
