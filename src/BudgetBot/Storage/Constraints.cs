using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Storage;

internal static class Constraints
{
    // The one expected failure: a unique key says the thing is already done.
    public static bool IsDuplicateKey(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException s => s.Number is 2627 or 2601,
        _ => false,
    };
}
