namespace BudgetBot.GitHub;

// One (run, workflow, model, team, experiment) group of a PR's usage events.
internal sealed class PrUsageRow
{
    public string? RunId { get; init; }
    public string? Workflow { get; init; }
    public string Model { get; init; } = "";
    public string Team { get; init; } = "";
    public string? Experiment { get; init; }
    public long Events { get; init; }
    public long Input { get; init; }
    public long Output { get; init; }
    public long CacheRead { get; init; }
    public long CacheWrite5m { get; init; }
    public long CacheWrite1h { get; init; }
    public long CostMicros { get; init; }
    public long Unpriced { get; init; }
    public long FirstMs { get; init; }

    public long Tokens => Input + Output + CacheRead + CacheWrite5m + CacheWrite1h;
}
