using System.Globalization;
using System.Text;
using BudgetBot.Budgets;

namespace BudgetBot.Dashboard;

// The one writer of spend as CSV, for the page's download, /api/reports/spend-series.csv and
// /api/reports/spend.csv. A bucket column (named after the bucket) leads when the query has buckets,
// then one column naming the group (its dimensions joined by '_', their values by " / "). The series
// layout is the chart's cells (cost, events, unpriced); the report layout is spend.csv's columns
// since issue 10 (events, runs, cost, tokens, unpriced) and what unitCells appends per group.
internal static class SpendCsv
{
    public const string ReportColumns = "events,runs,costUsd,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,unpricedEvents";

    public static string Series(SpendSeries s, TimeZoneInfo zone) => Write(s, zone, "costUsd,events,unpricedEvents",
        c => string.Create(CultureInfo.InvariantCulture, $"{Money.FromMicros(c.CostMicros):0.000000},{c.Events},{c.Unpriced}"), null, null);

    public static string Report(SpendSeries s, TimeZoneInfo zone, string? unitsHeader = null, Func<string, string>? unitCells = null) =>
        Write(s, zone, ReportColumns, c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Events},{c.Runs},{Money.FromMicros(c.CostMicros):0.000000},{c.Input},{c.Output},{c.CacheRead},{c.CacheWrite},{c.Unpriced}"),
            unitsHeader, unitCells);

    // RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula.
    internal static string Quote(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    // Bucket order, then spend (most first), then name: the same data always gives the same file.
    private static string Write(SpendSeries s, TimeZoneInfo zone, string columns, Func<SpendCell, string> figures, string? unitsHeader, Func<string, string>? unitCells)
    {
        var groups = SpendSeriesQuery.Groupable.Where(s.Query.GroupBy.Contains).ToList();
        // One total without a group still says which range it is: the bucket column names its start.
        var bucketed = s.Query.Bucket != SpendSeriesQuery.NoBucket || groups.Count == 0;
        var head = new List<string>();
        if (bucketed)
        {
            head.Add(s.Query.Bucket == SpendSeriesQuery.NoBucket ? "from" : s.Query.Bucket);
        }
        if (groups.Count > 0)
        {
            head.Add(string.Join('_', groups));
        }
        var csv = new StringBuilder().Append(string.Join(',', head)).Append(',').Append(columns).Append(unitsHeader).Append('\n');
        foreach (var c in s.Cells.OrderBy(c => c.BucketMs).ThenByDescending(c => c.CostMicros).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            if (bucketed)
            {
                csv.Append(Zoned.Label(DateTimeOffset.FromUnixTimeMilliseconds(c.BucketMs), s.Query.Bucket, zone)).Append(',');
            }
            if (groups.Count > 0)
            {
                csv.Append(Quote(c.Key)).Append(',');
            }
            csv.Append(figures(c)).Append(unitCells?.Invoke(c.Key)).Append('\n');
        }
        return csv.ToString();
    }
}
