namespace BudgetBot.Foresight;

// One run's cost on one model, with what GitHub said of the run and of its PR (null when unknown).
// A class with setters: Dapper converts the dialects' integer widths into it.
internal sealed class UnitRow
{
    public string? Repo { get; set; }

    public string? Workflow { get; set; }

    public string RunKey { get; set; } = "";

    public long? Pr { get; set; }

    public long CostMicros { get; set; }

    public string? Conclusion { get; set; }

    public string? PrState { get; set; }

    public long Merged { get; set; }

    public long? MergedAtMs { get; set; }

    public long FirstMs { get; set; }

    public long LastMs { get; set; }
}
