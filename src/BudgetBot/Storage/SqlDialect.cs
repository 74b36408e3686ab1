namespace BudgetBot.Storage;

internal enum SqlDialect
{
    Sqlite,
    SqlServer,
}
