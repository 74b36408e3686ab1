using System.Globalization;
using BudgetBot.Auth;
using BudgetBot.Operations;
using BudgetBot.Usage;

namespace BudgetBot.Providers;

internal static class ReconciliationEndpoints
{
    private const int DefaultDays = 31;

    public static IEndpointRouteBuilder MapProviderReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/reconciliation", async (string? from, string? to, ReconciliationStore store, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new List<FieldError>();
            var end = Day(to, "to", errors) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);
            var start = Day(from, "from", errors) ?? end.AddDays(-DefaultDays);
            if (errors.Count == 0 && start >= end)
            {
                errors.Add(new FieldError(0, "from", "must be before to"));
            }
            if (errors.Count > 0)
            {
                return Problems.Invalid(errors, "The reconciliation query is not valid");
            }
            var rows = await store.RangeAsync(ReconciliationPlanner.DayMs(start), ReconciliationPlanner.DayMs(end), ct);
            return Results.Ok(ReconciliationReport.Build(start, end, rows));
        })
        .RequireAuthorization(Scopes.Read)
        .WithName("GetReconciliation")
        .WithSummary("Provider bills against reported usage per provider, UTC day and account: from (inclusive) and to (exclusive) as YYYY-MM-DD.");
        return app;
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
