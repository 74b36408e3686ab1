namespace BudgetBot.Usage;

// One priced unit of agent work as every source normalises it (DESIGN §6). Token counts are by class;
// InputTokens is uncached input only.
internal sealed record UsageEvent
{
    public required string Id { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Model { get; init; }
    public string? Provider { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long CacheReadTokens { get; init; }
    public long CacheWrite5mTokens { get; init; }
    public long CacheWrite1hTokens { get; init; }
    public decimal? CostUsd { get; init; }
    public string? Repo { get; init; }
    public int? Pr { get; init; }
    public string? Branch { get; init; }
    public string? Sha { get; init; }
    public string? RunId { get; init; }
    public int? RunAttempt { get; init; }
    public string? JobId { get; init; }
    public string? Workflow { get; init; }
    public string? Actor { get; init; }
    public string? Team { get; init; }
    public string? Experiment { get; init; }
}
