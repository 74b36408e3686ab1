using System.Data.Common;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Budgets;

// A grant adds money to one budget, either for one period (PeriodStart set) or from StartsAt until
// ExpiresAt. One grant per request at most: the unique request_id makes a second approval a no-op.
internal sealed record Grant(
    string BudgetId,
    long AmountMicros,
    DateTimeOffset? PeriodStart,
    DateTimeOffset StartsAt,
    DateTimeOffset? ExpiresAt,
    string Kind,
    string Reason,
    long? RequestId,
    string CreatedBy);

internal sealed class GrantStore(Database db, AuditLog audit)
{
    internal static readonly SqlStatement Insert = new(
        "Grants.Insert",
        "INSERT INTO grants (budget_id, amount_micros, period_start_ms, starts_at_ms, expires_at_ms, kind, reason, request_id, created_by, created_at_ms) " +
        "VALUES (@BudgetId, @AmountMicros, @PeriodStartMs, @StartsAtMs, @ExpiresAtMs, @Kind, @Reason, @RequestId, @CreatedBy, @CreatedAtMs);");

    public async Task<bool> AddAsync(DbConnection c, DbTransaction tx, Grant g, DateTimeOffset now)
    {
        try
        {
            await c.ExecuteAsync(db.Sql(Insert), new
            {
                g.BudgetId, g.AmountMicros, PeriodStartMs = g.PeriodStart?.ToUnixTimeMilliseconds(),
                StartsAtMs = g.StartsAt.ToUnixTimeMilliseconds(), ExpiresAtMs = g.ExpiresAt?.ToUnixTimeMilliseconds(),
                g.Kind, g.Reason, g.RequestId, g.CreatedBy, CreatedAtMs = now.ToUnixTimeMilliseconds(),
            }, tx);
        }
        catch (Exception e) when (Constraints.IsDuplicateKey(e))
        {
            return false;
        }
        await audit.AppendAsync(c, tx, now, g.CreatedBy, "grant.added", "budget:" + g.BudgetId, g);
        return true;
    }
}

// Told after a change to a budget has committed (a grant, say), so whatever shows the budget's
// figures elsewhere can refresh: GitHub's PR comments and checks implement it. Owned here so the
// folder that changes a budget (Slack's approval flow) depends on Budgets, not on GitHub.
internal interface IBudgetChanges
{
    Task BudgetChangedAsync(ActiveBudget budget, string reason, CancellationToken ct);
}
