namespace BudgetBot.Dashboard;

// Reads a SpendSeriesQuery from a query string, shared by the page and the CSV so both show the same.
internal static class SpendPage
{
    public static (SpendSeriesQuery? Query, IReadOnlyList<BudgetBot.Operations.FieldError> Errors) Parse(IQueryCollection q, DateOnly today) =>
        SpendSeriesQuery.Parse(q["from"], q["to"], q["bucket"], q["groupBy"],
            SpendSeriesQuery.Dimensions.ToDictionary(d => d, d => (string?)q[d].ToString(), StringComparer.Ordinal), today);
}
