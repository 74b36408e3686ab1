using System.Globalization;
using BudgetBot.Operations;
using BudgetBot.Usage;

namespace BudgetBot.Dashboard;

// A spend question as the page and the CSV ask it: a range of whole days in the policy's time zone
// (from and to inclusive), day or hour buckets, one or more groupBy dimensions and a filter per
// dimension. Parse reports every problem at once; a query with problems is never run.
internal sealed record SpendSeriesQuery(
    DateOnly From,
    DateOnly To,
    string Bucket,
    IReadOnlyList<string> GroupBy,
    IReadOnlyDictionary<string, string> Filters)
{
    public const int MaxDays = 400;
    public const int MaxHourDays = 14;

    public static readonly IReadOnlyList<string> Dimensions = ["team", "repo", "workflow", "model", "provider"];

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
        var groups = (string.IsNullOrWhiteSpace(groupBy) ? "team" : groupBy)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        foreach (var g in groups.Where(g => !Dimensions.Contains(g)))
        {
            errors.Add(new FieldError(0, "groupBy", $"groupBy '{g}' is unknown: use {string.Join(", ", Dimensions)}."));
        }
        var days = end.DayNumber - start.DayNumber + 1;
        if (days < 1)
        {
            errors.Add(new FieldError(0, "to", "to must not be before from."));
        }
        else if (days > MaxDays)
        {
            errors.Add(new FieldError(0, "from", $"The range is {days} days; at most {MaxDays} days can be shown at once."));
        }
        else if (b == "hour" && days > MaxHourDays)
        {
            errors.Add(new FieldError(0, "bucket", $"Hour buckets cover at most {MaxHourDays} days; the range is {days} days. Use day buckets."));
        }
        var kept = filters.Where(f => !string.IsNullOrEmpty(f.Value)).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal);
        return errors.Count > 0 ? (null, errors) : (new SpendSeriesQuery(start, end, b, groups, kept), errors);
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
