using System.Globalization;
using BudgetBot.Operations;
using BudgetBot.Usage;
using Microsoft.AspNetCore.Mvc;

namespace BudgetBot.Foresight;

// The query of GET /api/units; Read lists every problem. from defaults to the start of the UTC month, to to now.
internal sealed record UnitsQuery(
    [FromQuery(Name = "groupBy")] string? GroupBy,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To)
{
    public (string Group, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<FieldError> Errors) Read(DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var start = Instant(From, "from", errors) ?? new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var end = Instant(To, "to", errors) ?? now;
        var group = GroupBy ?? "workflow";
        if (!WorkUnits.Groups.Contains(group))
        {
            errors.Add(new FieldError(0, "groupBy", "must be one of " + string.Join(", ", WorkUnits.Groups)));
        }
        if (end <= start)
        {
            errors.Add(new FieldError(0, "to", "must be after from"));
        }
        return (group, start, end, errors);
    }

    private static DateTimeOffset? Instant(string? text, string field, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (UsageEventReader.ParseTimestamp(text) is { } t)
        {
            return t;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        errors.Add(new FieldError(0, field, "must be an RFC 3339 timestamp or a yyyy-MM-dd date"));
        return null;
    }
}
