namespace BudgetBot.Dashboard;

// Classes with setters, not positional records: Dapper then converts column types (INTEGER to int,
// 0/1 to bool) whatever the dialect returns.
internal sealed class AlertRow
{
    public long PeriodStartMs { get; init; }
    public int Threshold { get; init; }
    public string? Channel { get; init; }
    public long SentAtMs { get; init; }
}

internal sealed class PrRow
{
    public string Repo { get; init; } = "";
    public int Pr { get; init; }
    public long CostMicros { get; init; }
    public long Events { get; init; }
    public long LastMs { get; init; }
    public string? Title { get; init; }
    public string? State { get; init; }
    public bool Merged { get; init; }
    public long? MergedAtMs { get; init; }
}
