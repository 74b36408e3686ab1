namespace BudgetBot.Storage;

// A SUM of BIGINT that cannot fail a read: SQLite's SUM raises "integer overflow" and SQL Server's
// raises an arithmetic overflow once a total passes 2^63 - 1, so one absurd stored row would answer
// 500 to every reader. Summed as a decimal (SQL Server) or a double (SQLite, exact below 2^53, far
// past any real total) and clamped to the BIGINT range; the same text runs on both engines.
// See docs/decisions/usage-bounds-and-saturating-sums.md.
internal static class SqlSum
{
    public static string Of(string expression)
    {
        var sum = $"SUM(({expression}) * 1.0)";
        return $"COALESCE(CASE WHEN {sum} >= 9223372036854775807.0 THEN 9223372036854775807 " +
            $"WHEN {sum} <= -9223372036854775807.0 THEN -9223372036854775807 ELSE CAST({sum} AS BIGINT) END, 0)";
    }
}
