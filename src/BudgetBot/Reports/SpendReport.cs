using System.Globalization;
using System.Text;
using BudgetBot.Foresight;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Reports;

// GET /api/reports/spend.csv: spend between two instants grouped by one dimension. Never by actor:
// reports rank work, not people (DESIGN §11).
internal sealed class SpendReport(Database db, UnitsStore units)
{
    public static readonly IReadOnlyList<string> Groups = ["team", "repo", "workflow", "model", "pr", "day"];

    internal static readonly IReadOnlyDictionary<string, SqlStatement> ByGroup = new Dictionary<string, SqlStatement>
    {
        ["team"] = Grouped("team", "team", "team"),
        ["repo"] = Grouped("repo", "COALESCE(repo, '(none)')", "COALESCE(repo, '(none)')"),
        ["workflow"] = Grouped("workflow", "COALESCE(workflow, '(none)')", "COALESCE(workflow, '(none)')"),
        ["model"] = Grouped("model", "model", "model"),
        ["pr"] = Grouped("pr", "COALESCE(repo || '#' || pr, '(none)')", "COALESCE(repo + '#' + CAST(pr AS NVARCHAR(20)), '(none)')"),
        ["day"] = Grouped("day", "strftime('%Y-%m-%d', occurred_at_ms / 1000, 'unixepoch')",
            "CONVERT(CHAR(10), DATEADD(SECOND, occurred_at_ms / 1000, '1970-01-01'), 23)"),
    };

    public async Task<string> CsvAsync(string groupBy, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(db.Sql(ByGroup[groupBy]),
            new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() });
        // By workflow or repo the units of work of GET /api/units follow (runs whose latest usage is in the range).
        var unitsOf = WorkUnits.Groups.Contains(groupBy)
            ? WorkUnits.Of(groupBy, await units.RowsAsync(from, to, ct)).ToDictionary(u => u.Key, StringComparer.Ordinal)
            : null;
        var csv = new StringBuilder();
        csv.Append(groupBy).Append(",events,runs,costUsd,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,unpricedEvents")
            .Append(unitsOf is null ? "" : UnitsCsv.Header).Append('\n');
        foreach (var r in rows)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{Quote(r.Key)},{r.Events},{r.Runs},{Money.FromMicros(r.CostMicros):0.000000},{r.Input},{r.Output},{r.CacheRead},{r.CacheWrite},{r.Unpriced}")
                .Append(unitsOf is null ? "" : UnitsCsv.Cells(unitsOf.GetValueOrDefault(r.Key))).Append('\n');
        }
        return csv.ToString();
    }

    // RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula.
    internal static string Quote(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static SqlStatement Grouped(string name, string sqliteKey, string sqlServerKey)
    {
        var aggregates = "COUNT(*) AS Events, COUNT(DISTINCT run_id) AS Runs, " + SqlSum.Of("cost_micros") + " AS CostMicros, " +
            SqlSum.Of("input_tokens") + " AS Input, " + SqlSum.Of("output_tokens") + " AS Output, " + SqlSum.Of("cache_read_tokens") + " AS CacheRead, " +
            SqlSum.Of("cache_write_5m_tokens + cache_write_1h_tokens") + " AS CacheWrite, " + SqlSum.Of("unpriced") + " AS Unpriced";
        const string Where = "FROM usage_events WHERE occurred_at_ms >= @From AND occurred_at_ms < @To";
        return new SqlStatement(
            "Reports.Spend." + name,
            $"SELECT {sqliteKey} AS \"Key\", {aggregates} {Where} GROUP BY {sqliteKey} ORDER BY CostMicros DESC;",
            $"SELECT {sqlServerKey} AS [Key], {aggregates} {Where} GROUP BY {sqlServerKey} ORDER BY CostMicros DESC;");
    }

    private sealed record Row(string Key, long Events, long Runs, long CostMicros, long Input, long Output, long CacheRead, long CacheWrite, long Unpriced);
}
