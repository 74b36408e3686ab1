using BudgetBot.Auth;
using BudgetBot.Operations;
using BudgetBot.Usage;

namespace BudgetBot.Reports;

internal static class ReportEndpoints
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SpendReport>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/spend.csv", async (string? from, string? to, string? groupBy, SpendReport report, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new List<FieldError>();
            var now = clock.GetUtcNow();
            var start = Instant(from, "from", errors) ?? new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
            var end = Instant(to, "to", errors) ?? now;
            var group = groupBy ?? "team";
            if (!SpendReport.Groups.Contains(group))
            {
                errors.Add(new FieldError(0, "groupBy", "must be one of " + string.Join(", ", SpendReport.Groups)));
            }
            if (end <= start)
            {
                errors.Add(new FieldError(0, "to", "must be after from"));
            }
            return errors.Count > 0
                ? Problems.Invalid(errors, "The report query is not valid")
                : Results.Text(await report.CsvAsync(group, start, end, ct), "text/csv; charset=utf-8");
        })
        .RequireAuthorization(Scopes.Read)
        .WithName("SpendCsv")
        .WithSummary("Spend between from and to (RFC 3339 or yyyy-MM-dd, UTC) grouped by team, repo, workflow, model, pr or day.");
        return app;
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
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
        {
            return new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        errors.Add(new FieldError(0, field, "must be an RFC 3339 timestamp or a yyyy-MM-dd date"));
        return null;
    }
}
