namespace BudgetBot.Tests.Storage;

// The store contract on a real SQL Server: the T-SQL text of every store statement is executed, not
// only parsed. Skipped, saying how to run it, when BUDGETBOT_TEST_SQLSERVER is unset.
public sealed class SqlServerStoreContract : StoreContract<SqlServerProvider>
{
}
