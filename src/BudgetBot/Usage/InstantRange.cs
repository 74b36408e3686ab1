using System.Globalization;
using BudgetBot.Operations;

namespace BudgetBot.Usage;

// The from/to of a report query (RFC 3339 or yyyy-MM-dd, UTC): from defaults to the start of the UTC
// month, to to now, and every problem is added to the list.
internal static class InstantRange
{
    public static (DateTimeOffset Start, DateTimeOffset End) Read(string? from, string? to, DateTimeOffset now, List<FieldError> errors)
    {
        var start = Instant(from, "from", errors) ?? new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var end = Instant(to, "to", errors) ?? now;
        if (end <= start)
        {
            errors.Add(new FieldError(0, "to", "must be after from"));
        }
        return (start, end);
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
