using BudgetBot.Operations;
using BudgetBot.Usage;
using Microsoft.AspNetCore.Mvc;

namespace BudgetBot.Reports;

// The query of GET /api/reports/spend.csv; Read checks every parameter and lists every problem.
internal sealed record SpendQuery(
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "groupBy")] string? GroupBy)
{
    public (string Group, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<FieldError> Errors) Read(DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var (start, end) = InstantRange.Read(From, To, now, errors);
        var group = GroupBy ?? "team";
        if (!SpendReport.Groups.Contains(group))
        {
            errors.Add(new FieldError(0, "groupBy", "must be one of " + string.Join(", ", SpendReport.Groups)));
        }
        return (group, start, end, errors);
    }
}
