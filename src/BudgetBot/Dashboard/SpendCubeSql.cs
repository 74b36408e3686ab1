using BudgetBot.Storage;

namespace BudgetBot.Dashboard;

// The spend cube's statements, one per set of dimensions: hour rows of dashboard_spend, the PRs' hour
// rows of unit_spend, and the distinct runs of unit_spend. Absent dimensions are selected as ''.
// The same text runs on both dialects but for the JSON table function (json_each, OPENJSON); sums
// saturate (SqlSum) so no rollup value can break a read.
internal static class SpendCubeSql
{
    private const string Filters = "AND (@Team IS NULL OR team = @Team) AND (@Repo IS NULL OR repo = @Repo) AND (@Workflow IS NULL OR workflow = @Workflow) " +
        "AND (@Model IS NULL OR model = @Model) AND (@Provider IS NULL OR provider = @Provider) AND (@Teams IS NULL OR team IN (SELECT value FROM {json}(@Teams)))";

    // @Teams is a JSON array of the teams a member sees (null for all): one text, one plan, any number of teams.
    private static SqlStatement Statement(string name, string sql) =>
        new(name, sql.Replace("{json}", "json_each", StringComparison.Ordinal), sql.Replace("{json}", "OPENJSON", StringComparison.Ordinal));

    public static IEnumerable<IReadOnlyList<string>> Subsets()
    {
        var all = SpendSeriesQuery.Dimensions;
        return Enumerable.Range(0, 1 << all.Count).Select(mask => (IReadOnlyList<string>)all.Where((_, i) => (mask & (1 << i)) != 0).ToList());
    }

    public static SqlStatement Spend(IReadOnlyList<string> groups)
    {
        var sql = $"SELECT hour_ms AS HourMs, {Columns(groups)}, {Sums("cache_write_tokens")} FROM dashboard_spend " +
            $"WHERE hour_ms >= @From AND hour_ms < @To {Filters} GROUP BY {GroupBy(groups)};";
        return Statement("Dashboard.Spend." + Name(groups), sql);
    }

    public static SqlStatement Prs(IReadOnlyList<string> groups)
    {
        var sql = $"SELECT hour_ms AS HourMs, {Columns(groups)}, repo AS PrRepo, pr AS Pr, {Sums("cache_write_5m_tokens + cache_write_1h_tokens")} " +
            $"FROM unit_spend WHERE pr <> 0 AND hour_ms >= @From AND hour_ms < @To {Filters} GROUP BY {GroupBy([.. groups, "repo", "pr"])};";
        return Statement("Dashboard.SpendByPr." + Name(groups), sql);
    }

    public static SqlStatement Runs(IReadOnlyList<string> groups, bool byPr)
    {
        var pr = byPr ? ", repo AS PrRepo, pr AS Pr" : "";
        var sql = $"SELECT DISTINCT hour_ms AS HourMs, {Columns(groups)}{pr}, repo AS RunRepo, run_id AS RunId FROM unit_spend " +
            $"WHERE run_id <> '' AND hour_ms >= @From AND hour_ms < @To {Filters};";
        return Statement("Dashboard.SpendRuns." + Name(groups) + (byPr ? ".pr" : ""), sql);
    }

    private static string Name(IReadOnlyList<string> groups) => groups.Count == 0 ? "total" : string.Join('.', groups);

    private static string Columns(IReadOnlyList<string> groups) =>
        string.Join(", ", SpendSeriesQuery.Dimensions.Select(d => groups.Contains(d) ? d : $"'' AS {d}"));

    private static string GroupBy(IReadOnlyList<string> groups) => string.Join(", ", new[] { "hour_ms" }.Concat(groups.Distinct()));

    private static string Sums(string cacheWrite) =>
        $"{SqlSum.Of("cost_micros")} AS CostMicros, {SqlSum.Of("events")} AS Events, {SqlSum.Of("unpriced_events")} AS Unpriced, " +
        $"{SqlSum.Of("input_tokens")} AS Input, {SqlSum.Of("output_tokens")} AS Output, {SqlSum.Of("cache_read_tokens")} AS CacheRead, " +
        $"{SqlSum.Of(cacheWrite)} AS CacheWrite";
}

// One row of a cube statement. A class with setters: Dapper converts the dialects' integer widths.
internal sealed class SpendCubeRow
{
    public long HourMs { get; set; }

    public string Team { get; set; } = "";

    public string Repo { get; set; } = "";

    public string Workflow { get; set; } = "";

    public string Model { get; set; } = "";

    public string Provider { get; set; } = "";

    public string PrRepo { get; set; } = "";

    public long Pr { get; set; }

    public string RunRepo { get; set; } = "";

    public string RunId { get; set; } = "";

    public long CostMicros { get; set; }

    public long Events { get; set; }

    public long Unpriced { get; set; }

    public long Input { get; set; }

    public long Output { get; set; }

    public long CacheRead { get; set; }

    public long CacheWrite { get; set; }

    // The hour and dimensions a row belongs to, whatever its PR.
    public (long, string, string, string, string, string) Cell => (HourMs, Team, Repo, Workflow, Model, Provider);

    public SpendCubeRow Less(IReadOnlyList<SpendCubeRow> parts) => new()
    {
        HourMs = HourMs, Team = Team, Repo = Repo, Workflow = Workflow, Model = Model, Provider = Provider,
        CostMicros = CostMicros - parts.Sum(p => p.CostMicros), Events = Events - parts.Sum(p => p.Events),
        Unpriced = Unpriced - parts.Sum(p => p.Unpriced), Input = Input - parts.Sum(p => p.Input), Output = Output - parts.Sum(p => p.Output),
        CacheRead = CacheRead - parts.Sum(p => p.CacheRead), CacheWrite = CacheWrite - parts.Sum(p => p.CacheWrite),
    };
}
