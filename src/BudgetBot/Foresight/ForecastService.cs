using System.Data.Common;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Foresight;

// Feeds Forecaster from the hourly rollups of the budget's scope: the 28 complete UTC days before
// today, at most 672 rows, whatever the number of events.
internal sealed class ForecastService(Database db) : IBudgetForecasts
{
    public const int HistoryDays = 28;

    internal static readonly SqlStatement Hours = new(
        "Foresight.ScopeHours",
        "SELECT hour_ms AS HourMs, cost_micros AS CostMicros FROM spend_rollups WHERE scope = @Scope AND hour_ms >= @FromMs AND hour_ms < @ToMs;");

    public async Task<(decimal ForecastUsd, DateTimeOffset? ExhaustsAt)?> ForecastAsync(
        DbConnection c, ActiveBudget budget, BudgetStatus status, DateTimeOffset now, CancellationToken ct)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var from = today.AddDays(-HistoryDays);
        var rows = await c.QueryAsync<(long HourMs, long CostMicros)>(new CommandDefinition(db.Sql(Hours),
            new { Scope = budget.Scope.ToString(), FromMs = from.ToUnixTimeMilliseconds(), ToMs = today.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        var byDay = rows.GroupBy(r => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(r.HourMs).UtcDateTime))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.CostMicros));
        if (byDay.Count == 0)
        {
            return null;
        }
        // Days without spend are history too (a quiet weekend), from the first day with any.
        var first = byDay.Keys.Min();
        var history = Enumerable.Range(0, DateOnly.FromDateTime(today.UtcDateTime).DayNumber - first.DayNumber)
            .Select(i => first.AddDays(i)).Select(d => new DailySpend(d, byDay.GetValueOrDefault(d))).ToList();
        var limit = Money.ToMicros(status.LimitUsd + status.GrantedUsd);
        return Forecaster.Of(Money.ToMicros(status.SpentUsd), limit, history, now, budget.Period.Start, budget.Period.End) is { } f
            ? (Money.FromMicros(f.ForecastMicros), f.ExhaustsAt)
            : null;
    }
}
