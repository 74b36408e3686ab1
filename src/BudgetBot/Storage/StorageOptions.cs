namespace BudgetBot.Storage;

internal sealed class StorageOptions
{
    public string Provider { get; set; } = "sqlite";

    public string ConnectionString { get; set; } = "Data Source=budgetbot.db";

    // Run on every SQLite connection after BudgetBot's own (Storage:SqlitePragmas), e.g. " PRAGMA
    // max_page_count = 100000;" to cap the file. Tests set it to make the storage full or read-only.
    public string SqlitePragmas { get; set; } = "";

    public SqlDialect Dialect => Provider.Equals("sqlserver", StringComparison.OrdinalIgnoreCase)
        ? SqlDialect.SqlServer
        : SqlDialect.Sqlite;
}

internal enum SqlDialect
{
    Sqlite,
    SqlServer,
}
