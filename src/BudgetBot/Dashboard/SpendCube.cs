using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Dashboard;

internal sealed record SpendCell(long BucketMs, string Key, long CostMicros, long Events, long Unpriced);

internal sealed record SpendSeries(SpendSeriesQuery Query, IReadOnlyList<DateTimeOffset> Buckets, IReadOnlyList<SpendCell> Cells)
{
    // Series ordered by total spend, most expensive first, as the chart stacks and the table lists them.
    public IReadOnlyList<(string Key, long CostMicros, long Events, long Unpriced)> Totals =>
        Cells.GroupBy(c => c.Key)
            .Select(g => (g.Key, g.Sum(c => c.CostMicros), g.Sum(c => c.Events), g.Sum(c => c.Unpriced)))
            .OrderByDescending(t => t.Item2).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
}

// Spend over time from dashboard_spend: the range's hour rows grouped in SQL by the chosen
// dimensions, then folded into day or hour buckets of the policy's time zone. A zone whose offset
// is not whole hours puts each hour in the day its start falls in.
internal sealed class SpendCube(Database db, IPolicyProvider policy)
{
    internal static readonly IReadOnlyDictionary<string, SqlStatement> ByGroups = Subsets(SpendSeriesQuery.Dimensions)
        .ToDictionary(g => string.Join(',', g), Statement, StringComparer.Ordinal);

    public TimeZoneInfo Zone => policy.Current.TimeZone;

    public async Task<SpendSeries> ReadAsync(SpendSeriesQuery q, CancellationToken ct)
    {
        var zone = Zone;
        var from = Zoned.StartOfDay(q.From, zone);
        var to = Zoned.StartOfDay(q.To.AddDays(1), zone);
        var groups = SpendSeriesQuery.Dimensions.Where(q.GroupBy.Contains).ToList();
        var args = new DynamicParameters(new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() });
        foreach (var d in SpendSeriesQuery.Dimensions)
        {
            args.Add(char.ToUpperInvariant(d[0]) + d[1..], q.Filters.GetValueOrDefault(d));
        }
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(db.Sql(ByGroups[string.Join(',', groups)]), args);
        var cells = rows
            .GroupBy(r => (Bucket: Zoned.BucketOf(r.HourMs, q.Bucket, zone), Key: KeyOf(r, groups)))
            .Select(g => new SpendCell(g.Key.Bucket, g.Key.Key, g.Sum(r => r.CostMicros), g.Sum(r => r.Events), g.Sum(r => r.Unpriced)))
            .ToList();
        return new SpendSeries(q, Zoned.Buckets(from, to, q.Bucket, zone), cells);
    }

    private static string KeyOf(Row r, IReadOnlyList<string> groups) => string.Join(" / ", groups.Select(g => g switch
    {
        "team" => r.Team,
        "repo" => r.Repo,
        "workflow" => r.Workflow,
        "model" => r.Model,
        _ => r.Provider,
    } is { Length: > 0 } v ? v : "(none)"));

    private static SqlStatement Statement(IReadOnlyList<string> groups)
    {
        var columns = string.Join(", ", SpendSeriesQuery.Dimensions.Select(d => groups.Contains(d) ? d : $"'' AS {d}"));
        var groupBy = string.Join(", ", groups);
        var sql = $"SELECT hour_ms AS HourMs, {columns}, SUM(cost_micros) AS CostMicros, SUM(events) AS Events, " +
            "SUM(unpriced_events) AS Unpriced FROM dashboard_spend WHERE hour_ms >= @From AND hour_ms < @To " +
            "AND (@Team IS NULL OR team = @Team) AND (@Repo IS NULL OR repo = @Repo) AND (@Workflow IS NULL OR workflow = @Workflow) " +
            $"AND (@Model IS NULL OR model = @Model) AND (@Provider IS NULL OR provider = @Provider) GROUP BY hour_ms, {groupBy};";
        return new SqlStatement("Dashboard.Spend." + string.Join('.', groups), sql, sql);
    }

    private static IEnumerable<IReadOnlyList<string>> Subsets(IReadOnlyList<string> all) =>
        Enumerable.Range(1, (1 << all.Count) - 1).Select(mask => (IReadOnlyList<string>)all.Where((_, i) => (mask & (1 << i)) != 0).ToList());

    private sealed record Row(long HourMs, string Team, string Repo, string Workflow, string Model, string Provider, long CostMicros, long Events, long Unpriced);
}
