namespace BudgetBot.Dashboard;

// Reads a SpendQuery from a query string, shared by the page and the CSV so both show the same.
internal static class SpendPage
{
    public static (SpendQuery? Query, IReadOnlyList<BudgetBot.Usage.UsageError> Errors) Parse(IQueryCollection q, DateOnly today) =>
        SpendQuery.Parse(q["from"], q["to"], q["bucket"], q["groupBy"],
            SpendQuery.Dimensions.ToDictionary(d => d, d => (string?)q[d].ToString(), StringComparer.Ordinal), today);
}
