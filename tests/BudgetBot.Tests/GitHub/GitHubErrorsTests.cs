using System.Text.Json;
using BudgetBot.GitHub;
using BudgetBot.Outbox;

namespace BudgetBot.Tests.GitHub;

public sealed class GitHubErrorsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 11, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<int, int?, long?, int?, string?, string, int?> Cases => new()
    {
        // status, retry-after s, remaining, reset in s, message, outcome, expected delay s (null = worker back-off)
        // A rate limit is waited out (Waiting: no attempt counted); a 5xx with Retry-After is an attempt.
        { 429, 30, null, null, null, "Waiting", 30 },
        { 403, 45, null, null, "You have exceeded a secondary rate limit", "Waiting", 45 },
        { 403, null, 0, 120, "API rate limit exceeded", "Waiting", 120 },
        { 429, null, 0, -5, null, "Waiting", 1 },
        { 429, null, null, null, null, "Waiting", 60 },
        { 403, null, 12, null, "You have exceeded a secondary rate limit", "Waiting", 60 },
        { 500, null, null, null, null, "Retry", null },
        { 502, null, null, null, null, "Retry", null },
        { 503, 10, null, null, null, "Retry", 10 },
        { 401, null, null, null, "Bad credentials", "Retry", null },
        { 403, null, 4000, null, "Resource not accessible by integration", "Failed", null },
        { 404, null, null, null, "Not Found", "Failed", null },
        { 422, null, null, null, "Body is too long", "Failed", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify(int status, int? retryAfter, long? remaining, int? resetIn, string? message, string outcome, int? delay)
    {
        var body = message is null ? default : JsonDocument.Parse(JsonSerializer.Serialize(new { message })).RootElement;
        var response = new GitHubResponse(status, body, retryAfter is { } r ? TimeSpan.FromSeconds(r) : null, remaining,
            resetIn is { } s ? Now.AddSeconds(s) : null);

        var result = GitHubErrors.Classify(response, Now, "create comment");

        Assert.Equal(Enum.Parse<OutboxOutcome>(outcome), result.Outcome);
        Assert.Equal(delay is { } d ? TimeSpan.FromSeconds(d) : null, result.RetryAfter);
        Assert.StartsWith($"create comment answered {status}", result.Error, StringComparison.Ordinal);
    }
}
