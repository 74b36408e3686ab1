using System.Text.Json;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Dashboard;

internal sealed record SpendCell(long BucketMs, string Key, long CostMicros, long Events, long Unpriced)
{
    public long Input { get; init; }

    public long Output { get; init; }

    public long CacheRead { get; init; }

    public long CacheWrite { get; init; }

    // Distinct workflow runs with usage in the cell; counted only when asked for (the CSV report).
    public long Runs { get; init; }
}

internal sealed record SpendSeries(SpendSeriesQuery Query, IReadOnlyList<DateTimeOffset> Buckets, IReadOnlyList<SpendCell> Cells)
{
    // Series ordered by total spend, most expensive first, as the chart stacks and the table lists them.
    public IReadOnlyList<(string Key, long CostMicros, long Events, long Unpriced)> Totals =>
        Cells.GroupBy(c => c.Key)
            .Select(g => (g.Key, g.Sum(c => c.CostMicros), g.Sum(c => c.Events), g.Sum(c => c.Unpriced)))
            .OrderByDescending(t => t.Item2).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
}

// Spend over time for the page, its CSV and spend.csv, from rollups only: dashboard_spend's hour rows
// grouped in SQL by the chosen dimensions, then folded into day or hour buckets of the policy's time
// zone (a zone whose offset is not whole hours puts each hour in the day its start falls in). By PR,
// the PRs' rows come from unit_spend and the rest of the spend is "(none)"; runs are counted from
// unit_spend's distinct (repo, run) pairs per cell.
internal sealed class SpendCube(Database db, IPolicyProvider policy)
{
    internal static readonly IReadOnlyDictionary<string, SqlStatement> ByGroups = SpendCubeSql.Subsets()
        .ToDictionary(g => string.Join(',', g), SpendCubeSql.Spend, StringComparer.Ordinal);

    internal static readonly IReadOnlyDictionary<string, SqlStatement> PrsByGroups = SpendCubeSql.Subsets()
        .ToDictionary(g => string.Join(',', g), SpendCubeSql.Prs, StringComparer.Ordinal);

    internal static readonly IReadOnlyDictionary<string, SqlStatement> RunsByGroups = SpendCubeSql.Subsets()
        .SelectMany(g => new[] { (Groups: g, Pr: false), (Groups: g, Pr: true) })
        .ToDictionary(x => string.Join(',', x.Groups) + (x.Pr ? "+pr" : ""), x => SpendCubeSql.Runs(x.Groups, x.Pr), StringComparer.Ordinal);

    public TimeZoneInfo Zone => policy.Current.TimeZone;

    public async Task<SpendSeries> ReadAsync(SpendSeriesQuery q, CancellationToken ct, bool countRuns = false)
    {
        var zone = Zone;
        var from = q.Start ?? Zoned.StartOfDay(q.From, zone);
        var to = q.End ?? Zoned.StartOfDay(q.To.AddDays(1), zone);
        var dims = SpendSeriesQuery.Dimensions.Where(q.GroupBy.Contains).ToList();
        var byPr = q.GroupBy.Contains("pr");
        var key = string.Join(',', dims);
        var args = new DynamicParameters(new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() });
        foreach (var d in SpendSeriesQuery.Dimensions)
        {
            args.Add(char.ToUpperInvariant(d[0]) + d[1..], q.Filters.GetValueOrDefault(d));
        }
        args.Add("Teams", q.Teams is null ? null : JsonSerializer.Serialize(q.Teams));
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<SpendCubeRow>(new CommandDefinition(db.Sql(ByGroups[key]), args, cancellationToken: ct))).ToList();
        if (byPr)
        {
            rows = WithPrs(rows, (await c.QueryAsync<SpendCubeRow>(new CommandDefinition(db.Sql(PrsByGroups[key]), args, cancellationToken: ct))).ToList());
        }
        var runs = countRuns
            ? (await c.QueryAsync<SpendCubeRow>(new CommandDefinition(db.Sql(RunsByGroups[key + (byPr ? "+pr" : "")]), args, cancellationToken: ct)))
                .GroupBy(r => (Bucket(r.HourMs), KeyOf(r, q.GroupBy)))
                .ToDictionary(g => g.Key, g => (long)g.Select(r => r.RunRepo + "\n" + r.RunId).Distinct(StringComparer.Ordinal).Count())
            : [];
        var cells = rows
            .GroupBy(r => (Bucket: Bucket(r.HourMs), Key: KeyOf(r, q.GroupBy)))
            .Select(g => new SpendCell(g.Key.Bucket, g.Key.Key, Sum(g, r => r.CostMicros), Sum(g, r => r.Events), Sum(g, r => r.Unpriced))
            {
                Input = Sum(g, r => r.Input), Output = Sum(g, r => r.Output), CacheRead = Sum(g, r => r.CacheRead), CacheWrite = Sum(g, r => r.CacheWrite),
                Runs = runs.GetValueOrDefault(g.Key),
            })
            .ToList();
        var buckets = q.Bucket == SpendSeriesQuery.NoBucket ? [from] : Zoned.Buckets(from, to, q.Bucket, zone);
        return new SpendSeries(q, buckets, cells);

        long Bucket(long hourMs) => q.Bucket == SpendSeriesQuery.NoBucket ? from.ToUnixTimeMilliseconds() : Zoned.BucketOf(hourMs, q.Bucket, zone);
    }

    // The PRs' rows, and per hour and dimensions what is left of the spend once they are taken out.
    private static List<SpendCubeRow> WithPrs(List<SpendCubeRow> all, List<SpendCubeRow> prs)
    {
        var taken = prs.GroupBy(r => r.Cell).ToDictionary(g => g.Key, g => g.ToList());
        var rest = all.Select(r => taken.TryGetValue(r.Cell, out var p) ? r.Less(p) : r).Where(r => r.Events != 0 || r.CostMicros != 0);
        return [.. prs, .. rest];
    }

    // Saturating, like SqlSum: a rollup near long's range must still be read, not overflow.
    internal static long Sum<T>(IEnumerable<T> rows, Func<T, long> value) => rows.Aggregate(0L, (total, row) =>
    {
        var v = value(row);
        var sum = unchecked(total + v);
        return ((total ^ sum) & (v ^ sum)) < 0 ? (v < 0 ? long.MinValue + 1 : long.MaxValue) : sum;
    });

    private static string KeyOf(SpendCubeRow r, IReadOnlyList<string> groups) => string.Join(" / ", SpendSeriesQuery.Groupable.Where(groups.Contains).Select(g => g switch
    {
        "team" => r.Team,
        "repo" => r.Repo,
        "workflow" => r.Workflow,
        "model" => r.Model,
        "pr" => r.Pr > 0 ? $"{r.PrRepo}#{r.Pr}" : "",
        _ => r.Provider,
    } is { Length: > 0 } v ? v : "(none)"));
}
