using System.Globalization;
using BudgetBot.Operations;
using Microsoft.AspNetCore.Mvc;

namespace BudgetBot.Providers;

// The query of GET /api/reports/reconciliation; Read checks both days and lists every problem.
internal sealed record ReconciliationQuery(
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To)
{
    private const int DefaultDays = 31;

    public (DateOnly Start, DateOnly End, IReadOnlyList<FieldError> Errors) Read(DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var end = Day(To, "to", errors) ?? DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        // Near the first day of the calendar there is no month before "to" to default to.
        var start = Day(From, "from", errors) ?? (end.DayNumber >= DefaultDays ? end.AddDays(-DefaultDays) : DateOnly.MinValue);
        if (errors.Count == 0 && start >= end)
        {
            errors.Add(new FieldError(0, "from", "must be before to"));
        }
        return (start, end, errors);
    }

    private static DateOnly? Day(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors.Add(new FieldError(0, field, $"must be a date as YYYY-MM-DD (got \"{text}\")"));
        return null;
    }
}
