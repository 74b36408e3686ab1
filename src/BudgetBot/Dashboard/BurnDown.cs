using BudgetBot.Budgets;

namespace BudgetBot.Dashboard;

// A budget card's chart: cumulative spend per hour of the period from the scope's rollups.
internal static class BurnDown
{
    public static async Task<string> ChartAsync(DashboardReader reader, BudgetStatus b, DateTimeOffset now, int width = 360, int height = 160)
    {
        var hours = await reader.HourlyAsync(b.Scope, b.PeriodStart, b.PeriodEnd, default);
        var points = new List<BurnDownPoint>(hours.Count);
        var sum = 0L;
        foreach (var (hourMs, cost) in hours)
        {
            sum += cost;
            points.Add(new BurnDownPoint(DateTimeOffset.FromUnixTimeMilliseconds(hourMs).AddHours(1), Money.FromMicros(sum)));
        }
        return SvgCharts.BurnDown(b.PeriodStart, b.PeriodEnd, now, points, b.LimitUsd, b.GrantedUsd, b.ReservedUsd, b.ProjectedUsd, width, height);
    }
}
