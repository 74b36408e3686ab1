using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Dashboard;

// Requests, grants, experiments and the audit ledger: small tables, read newest first.
internal sealed class LedgerReader(Database db)
{
    public const int MaxRows = 200;

    private const string AuditFilter = "FROM audit_log WHERE at_ms >= @From AND at_ms < @To AND (@Like IS NULL OR actor LIKE @Like " +
        "OR action LIKE @Like OR subject LIKE @Like OR detail LIKE @Like)";

    private const string AuditColumns = "id AS Id, at_ms AS AtMs, actor AS Actor, action AS Action, subject AS Subject, detail AS Detail";

    internal static readonly SqlStatement Audit = new(
        "Dashboard.Audit",
        $"SELECT {AuditColumns} {AuditFilter} ORDER BY id DESC LIMIT @Limit;",
        $"SELECT TOP (@Limit) {AuditColumns} {AuditFilter} ORDER BY id DESC;");

    private const string RequestColumns = "id AS Id, kind AS Kind, budget_id AS BudgetId, amount_micros AS AmountMicros, reason AS Reason, " +
        "requester AS Requester, state AS State, created_at_ms AS CreatedAtMs, expires_at_ms AS ExpiresAtMs, decided_by AS DecidedBy, " +
        "decided_at_ms AS DecidedAtMs, decision_note AS DecisionNote FROM slack_requests";

    // @Budgets: a JSON array of the budget ids a member sees (DashboardViewer.BudgetIds), null for all.
    private const string InBudgets = "(@Budgets IS NULL OR budget_id IN (SELECT value FROM json_each(@Budgets)))";

    private const string InBudgetsServer = "(@Budgets IS NULL OR budget_id IN (SELECT value FROM OPENJSON(@Budgets)))";

    internal static readonly SqlStatement Pending = new(
        "Dashboard.PendingRequests",
        $"SELECT {RequestColumns} WHERE state = 'pending' AND {InBudgets} ORDER BY created_at_ms;",
        $"SELECT {RequestColumns} WHERE state = 'pending' AND {InBudgetsServer} ORDER BY created_at_ms;");

    internal static readonly SqlStatement Decided = new(
        "Dashboard.DecidedRequests",
        $"SELECT {RequestColumns} WHERE state <> 'pending' AND {InBudgets} ORDER BY id DESC LIMIT 50;",
        $"SELECT TOP 50 {RequestColumns} WHERE state <> 'pending' AND {InBudgetsServer} ORDER BY id DESC;");

    private const string GrantColumns = "id AS Id, budget_id AS BudgetId, amount_micros AS AmountMicros, kind AS Kind, reason AS Reason, " +
        "created_by AS CreatedBy, created_at_ms AS CreatedAtMs, expires_at_ms AS ExpiresAtMs FROM grants";

    internal static readonly SqlStatement Grants = new(
        "Dashboard.Grants",
        $"SELECT {GrantColumns} WHERE {InBudgets} ORDER BY id DESC LIMIT 50;",
        $"SELECT TOP 50 {GrantColumns} WHERE {InBudgetsServer} ORDER BY id DESC;");

    private const string ExperimentColumns = "name AS Name, amount_micros AS AmountMicros, starts_at_ms AS StartsAtMs, " +
        "expires_at_ms AS ExpiresAtMs, created_by AS CreatedBy FROM experiments";

    internal static readonly SqlStatement Experiments = new(
        "Dashboard.Experiments",
        $"SELECT {ExperimentColumns} ORDER BY expires_at_ms DESC LIMIT 50;",
        $"SELECT TOP 50 {ExperimentColumns} ORDER BY expires_at_ms DESC;");

    public async Task<IReadOnlyList<AuditRow>> AuditAsync(string? search, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        // LIKE wildcards in the search are matched literally.
        var like = string.IsNullOrWhiteSpace(search) ? null
            : "%" + search.Trim().Replace("[", "[[]", StringComparison.Ordinal).Replace("%", "[%]", StringComparison.Ordinal).Replace("_", "[_]", StringComparison.Ordinal) + "%";
        if (like is not null && db.Dialect == SqlDialect.Sqlite)
        {
            like = "%" + search!.Trim() + "%";
        }
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<AuditRow>(db.Sql(Audit), new
        {
            From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds(), Like = like, Limit = Math.Clamp(limit, 1, MaxRows),
        })).ToList();
    }

    // budgetIds: only the requests and grants of these budgets; null for all of them.
    public Task<IReadOnlyList<RequestRow>> PendingAsync(IReadOnlyList<string>? budgetIds, CancellationToken ct) =>
        ListAsync<RequestRow>(Pending, new { Budgets = DashboardReader.Json(budgetIds) }, ct);

    public Task<IReadOnlyList<RequestRow>> DecidedAsync(IReadOnlyList<string>? budgetIds, CancellationToken ct) =>
        ListAsync<RequestRow>(Decided, new { Budgets = DashboardReader.Json(budgetIds) }, ct);

    public Task<IReadOnlyList<GrantRow>> GrantsAsync(IReadOnlyList<string>? budgetIds, CancellationToken ct) =>
        ListAsync<GrantRow>(Grants, new { Budgets = DashboardReader.Json(budgetIds) }, ct);

    public Task<IReadOnlyList<ExperimentRow>> ExperimentsAsync(CancellationToken ct) => ListAsync<ExperimentRow>(Experiments, null, ct);

    private async Task<IReadOnlyList<T>> ListAsync<T>(SqlStatement statement, object? args, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<T>(db.Sql(statement), args)).ToList();
    }
}
