using System.Data.Common;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Budgets;

// Reads spend from the hourly rollups, never the raw events, so status costs the same at 10k or
// 1M events. A period that starts or ends inside an hour (a half-hour zone, a cron at :30) reads
// only that partial hour's events.
internal sealed class BudgetLedger(Database db)
{
    internal static readonly SqlStatement RolledUp = new(
        "Budgets.RolledUp",
        "SELECT " + SqlSum.Of("cost_micros") + " AS Cost, " + SqlSum.Of("unpriced_events") + " AS Unpriced FROM spend_rollups " +
        "WHERE scope = @Scope AND hour_ms >= @From AND hour_ms < @To;");

    internal static readonly SqlStatement Granted = new(
        "Budgets.Granted",
        "SELECT " + SqlSum.Of("amount_micros") + " FROM grants WHERE budget_id = @BudgetId AND " +
        "(period_start_ms = @PeriodStart OR (period_start_ms IS NULL AND starts_at_ms < @PeriodEnd " +
        "AND (expires_at_ms IS NULL OR expires_at_ms > @Now)));");

    internal static readonly SqlStatement Reserved = new(
        "Budgets.Reserved",
        "SELECT " + SqlSum.Of("amount_micros") + " FROM reservations WHERE budget_id = @BudgetId AND period_start_ms = @PeriodStart " +
        "AND released_at_ms IS NULL AND expires_at_ms > @Now;");

    internal static readonly ScopeQuery RawEdge = new(
        "Budgets.RawEdge",
        "SELECT " + SqlSum.Of("cost_micros") + " AS Cost, " + SqlSum.Of("unpriced") + " AS Unpriced FROM usage_events " +
        "WHERE occurred_at_ms >= @From AND occurred_at_ms < @To AND {scope};");

    public async Task<BudgetFigures> FiguresAsync(DbConnection c, DbTransaction? tx, ActiveBudget b, DateTimeOffset now)
    {
        var start = b.Period.Start.ToUnixTimeMilliseconds();
        var end = b.Period.End.ToUnixTimeMilliseconds();
        var firstHour = RollupDelta.HourOf(start) == start ? start : RollupDelta.HourOf(start) + RollupDelta.HourMs3600;
        var lastHour = RollupDelta.HourOf(end);
        var (cost, unpriced) = await c.QuerySingleAsync<(long, long)>(db.Sql(RolledUp), new { Scope = b.Scope.ToString(), From = firstHour, To = lastHour }, tx);
        if (firstHour > start)
        {
            var edge = await RawAsync(c, tx, b.Scope, start, Math.Min(firstHour, end));
            cost += edge.Cost;
            unpriced += edge.Unpriced;
        }
        if (lastHour < end && lastHour >= firstHour)
        {
            var edge = await RawAsync(c, tx, b.Scope, lastHour, end);
            cost += edge.Cost;
            unpriced += edge.Unpriced;
        }
        var nowMs = now.ToUnixTimeMilliseconds();
        var args = new { BudgetId = b.Id, PeriodStart = start, PeriodEnd = end, Now = nowMs };
        var granted = await c.ExecuteScalarAsync<long>(db.Sql(Granted), args, tx);
        var reserved = await c.ExecuteScalarAsync<long>(db.Sql(Reserved), args, tx);
        return new BudgetFigures(cost, granted, reserved, unpriced);
    }

    public async Task<BudgetFigures> FiguresAsync(ActiveBudget b, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await FiguresAsync(c, null, b, now);
    }

    private async Task<(long Cost, long Unpriced)> RawAsync(DbConnection c, DbTransaction? tx, BudgetScope scope, long from, long to) =>
        await c.QuerySingleAsync<(long, long)>(db.Sql(RawEdge.For(scope)), ScopeQuery.Args(scope, new { From = from, To = to }), tx);
}

// What the ledger says of one budget in one period, in micro-dollars.
internal readonly record struct BudgetFigures(long SpentMicros, long GrantedMicros, long ReservedMicros, long UnpricedEvents);
