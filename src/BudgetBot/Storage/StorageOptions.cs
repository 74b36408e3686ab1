namespace BudgetBot.Storage;

internal sealed class StorageOptions
{
    public string Provider { get; set; } = "sqlite";

    public string ConnectionString { get; set; } = "Data Source=budgetbot.db";

    public SqlDialect Dialect => Provider.Equals("sqlserver", StringComparison.OrdinalIgnoreCase)
        ? SqlDialect.SqlServer
        : SqlDialect.Sqlite;
}
