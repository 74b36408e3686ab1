using System.ComponentModel;

namespace BudgetBot.Usage;

// The wire shape of one usage event, for /openapi/v1.json only: UsageEventReader reads the body field
// by field so that every problem is listed, and a test keeps these names equal to the ones it knows.
internal sealed record UsageEventBody
{
    [Description("Unique per source; a repeated source + id is a duplicate, not a second event.")]
    public required string Id { get; init; }

    [Description("Who reports, e.g. claude-code-action.")]
    public required string Source { get; init; }

    [Description("RFC 3339 with an offset, e.g. 2026-03-02T10:15:00Z.")]
    public required DateTimeOffset OccurredAt { get; init; }

    public required string Model { get; init; }

    public string? Provider { get; init; }

    [Description("Uncached input tokens only.")]
    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long CacheReadTokens { get; init; }

    public long CacheWrite5mTokens { get; init; }

    public long CacheWrite1hTokens { get; init; }

    [Description("What the run cost in USD; when absent the catalog's list price less the policy's discount.")]
    public decimal? CostUsd { get; init; }

    [Description("owner/name")]
    public string? Repo { get; init; }

    public int? Pr { get; init; }

    public string? Branch { get; init; }

    public string? Sha { get; init; }

    [Description("The GitHub Actions run id, as a string or a non-negative integer.")]
    public string? RunId { get; init; }

    public int? RunAttempt { get; init; }

    [Description("The GitHub Actions job id, as a string or a non-negative integer.")]
    public string? JobId { get; init; }

    public string? Workflow { get; init; }

    public string? Actor { get; init; }

    public string? Team { get; init; }

    public string? Experiment { get; init; }
}
