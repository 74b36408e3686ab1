namespace BudgetBot.Dashboard;

// Rows of the requests page and the audit ledger, as stored (micro-dollars, Unix milliseconds).
internal sealed class AuditRow
{
    public long Id { get; init; }
    public long AtMs { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string Subject { get; init; } = "";
    public string? Detail { get; init; }
}

internal sealed class RequestRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string BudgetId { get; init; } = "";
    public long AmountMicros { get; init; }
    public string Reason { get; init; } = "";
    public string Requester { get; init; } = "";
    public string State { get; init; } = "";
    public long CreatedAtMs { get; init; }
    public long ExpiresAtMs { get; init; }
    public string? DecidedBy { get; init; }
    public long? DecidedAtMs { get; init; }
    public string? DecisionNote { get; init; }
}

internal sealed class GrantRow
{
    public long Id { get; init; }
    public string BudgetId { get; init; } = "";
    public long AmountMicros { get; init; }
    public string Kind { get; init; } = "";
    public string Reason { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public long CreatedAtMs { get; init; }
    public long? ExpiresAtMs { get; init; }
}

internal sealed class ExperimentRow
{
    public string Name { get; init; } = "";
    public long AmountMicros { get; init; }
    public long StartsAtMs { get; init; }
    public long ExpiresAtMs { get; init; }
    public string CreatedBy { get; init; } = "";
}
