using System.Globalization;
using BudgetBot.Operations;
using BudgetBot.Usage;

namespace BudgetBot.Dashboard;

// A spend question as the page, its CSV and GET /api/reports/spend.csv ask it: a range, day or hour
// buckets of the policy's time zone (or one total for the range), one or more groupBy dimensions and
// a filter per dimension. The page names whole days (From and To inclusive); the report may name
// instants (Start and End, which then win). Parse reports every problem at once; a query with
// problems is never run.
internal sealed record SpendSeriesQuery(
    DateOnly From,
    DateOnly To,
    string Bucket,
    IReadOnlyList<string> GroupBy,
    IReadOnlyDictionary<string, string> Filters)
{
    public const int MaxDays = 400;
    public const int MaxHourDays = 14;

    // One total for the whole range, spend.csv's default.
    public const string NoBucket = "none";

    public static readonly IReadOnlyList<string> Dimensions = ["team", "repo", "workflow", "model", "provider"];

    // What may be grouped by: the filterable dimensions and the pull request (read from unit_spend).
    public static readonly IReadOnlyList<string> Groupable = [.. Dimensions, "pr"];

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    // The teams a member may see (DashboardViewer.Narrow), on top of the team filter; null for every team.
    public IReadOnlyList<string>? Teams { get; init; }

    // The page and its CSV: from/to are days of the policy's time zone, to inclusive; 30 days by default.
    public static (SpendSeriesQuery? Query, IReadOnlyList<FieldError> Errors) FromPage(IQueryCollection q, DateOnly today) =>
        Parse(q["from"], q["to"], q["bucket"], q["groupBy"],
            Dimensions.ToDictionary(d => d, d => (string?)q[d].ToString(), StringComparer.Ordinal), today);

    public static (SpendSeriesQuery? Query, IReadOnlyList<FieldError> Errors) Parse(
        string? from, string? to, string? bucket, string? groupBy, IReadOnlyDictionary<string, string?> filters, DateOnly today)
    {
        var errors = new List<FieldError>();
        var end = Date(to, "to", errors) ?? today;
        var start = Date(from, "from", errors) ?? end.AddDays(-29);
        var b = string.IsNullOrEmpty(bucket) ? "day" : bucket;
        if (b is not ("day" or "hour"))
        {
            errors.Add(new FieldError(0, "bucket", $"bucket '{b}' is unknown: use day or hour."));
        }
        var groups = Groups(groupBy, errors);
        RangeProblems(end.DayNumber - start.DayNumber + 1, b, errors);
        var kept = filters.Where(f => !string.IsNullOrEmpty(f.Value)).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal);
        return errors.Count > 0 ? (null, errors) : (new SpendSeriesQuery(start, end, b, groups, kept), errors);
    }

    // GET /api/reports/spend.csv: from/to are RFC 3339 instants or yyyy-MM-dd dates (the start of that
    // day in the policy's time zone), to exclusive; from defaults to the start of the month, to to now.
    // groupBy may repeat or list dimensions; the old groupBy=day is day buckets without a dimension.
    public static (SpendSeriesQuery? Query, IReadOnlyList<FieldError> Errors) FromReport(
        string? from, string? to, string? bucket, IReadOnlyList<string>? groupBy, IReadOnlyDictionary<string, string?> filters, DateTimeOffset now, TimeZoneInfo zone)
    {
        var errors = new List<FieldError>();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var start = Instant(from, "from", zone, errors) ?? Zoned.StartOfDay(new DateOnly(local.Year, local.Month, 1), zone);
        var end = Instant(to, "to", zone, errors) ?? now;
        var requested = groupBy is null or { Count: 0 } ? "team" : string.Join(',', groupBy);
        var day = requested.Split(',', StringSplitOptions.TrimEntries).Contains("day");
        var b = bucket is { Length: > 0 } given ? given : day ? "day" : NoBucket;
        if (b is not ("day" or "hour" or NoBucket))
        {
            errors.Add(new FieldError(0, "bucket", $"bucket '{b}' is unknown: use day or hour, or leave it out for one total."));
        }
        var groups = day && requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(g => g == "day")
            ? []
            : Groups(string.Join(',', requested.Split(',', StringSplitOptions.TrimEntries).Where(g => g != "day")), errors);
        if (end <= start)
        {
            errors.Add(new FieldError(0, "to", "to must be after from."));
        }
        else
        {
            RangeProblems((int)Math.Ceiling((end - start).TotalDays), b, errors);
        }
        var kept = filters.Where(f => !string.IsNullOrEmpty(f.Value)).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal);
        return errors.Count > 0
            ? (null, errors)
            : (new SpendSeriesQuery(Zoned.DayOf(start, zone), Zoned.DayOf(end, zone), b, groups, kept) { Start = start, End = end }, errors);
    }

    public string ToQueryString(string? bucket = null)
    {
        var parts = new List<string>
        {
            "from=" + From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "to=" + To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "bucket=" + (bucket ?? Bucket),
            "groupBy=" + Uri.EscapeDataString(string.Join(',', GroupBy)),
        };
        parts.AddRange(Filters.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));
        return string.Join('&', parts);
    }

    private static List<string> Groups(string? groupBy, List<FieldError> errors)
    {
        var groups = (string.IsNullOrWhiteSpace(groupBy) ? "team" : groupBy)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        foreach (var g in groups.Where(g => !Groupable.Contains(g)))
        {
            errors.Add(new FieldError(0, "groupBy", $"groupBy '{g}' is unknown: use {string.Join(", ", Groupable)}."));
        }
        return groups;
    }

    private static void RangeProblems(int days, string bucket, List<FieldError> errors)
    {
        if (days < 1)
        {
            errors.Add(new FieldError(0, "to", "to must not be before from."));
        }
        else if (days > MaxDays)
        {
            errors.Add(new FieldError(0, "from", $"The range is {days} days; at most {MaxDays} days can be shown at once."));
        }
        else if (bucket == "hour" && days > MaxHourDays)
        {
            errors.Add(new FieldError(0, "bucket", $"Hour buckets cover at most {MaxHourDays} days; the range is {days} days. Use day buckets."));
        }
    }

    private static DateTimeOffset? Instant(string? text, string field, TimeZoneInfo zone, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (UsageEventReader.ParseTimestamp(text) is { } t)
        {
            if (t.Year is < 1970 or > 9000)
            {
                errors.Add(new FieldError(0, field, $"{field} '{text}' is out of range."));
                return null;
            }
            return t;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            // Kept far from DateTimeOffset's ends, where a zone's offset would leave its range.
            if (d.Year is < 1970 or > 9000)
            {
                errors.Add(new FieldError(0, field, $"{field} '{text}' is out of range."));
                return null;
            }
            return Zoned.StartOfDay(d, zone);
        }
        errors.Add(new FieldError(0, field, $"{field} '{text}' is not an RFC 3339 timestamp or a yyyy-MM-dd date."));
        return null;
    }

    private static DateOnly? Date(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        errors.Add(new FieldError(0, field, $"{field} '{text}' is not a date: use yyyy-MM-dd."));
        return null;
    }
}
