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
        var (start, end) = InstantRange.Read(From, To, now, errors);
        var group = GroupBy ?? "workflow";
        if (!WorkUnits.Groups.Contains(group))
        {
            errors.Add(new FieldError(0, "groupBy", "must be one of " + string.Join(", ", WorkUnits.Groups)));
        }
        return (group, start, end, errors);
    }
}

internal sealed record UnitsAnswer(string GroupBy, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UnitGroup> Groups);
