namespace BudgetBot.Tests.Storage;

// The store contract on SQLite, the engine of every other test and of the quick start.
public sealed class SqliteStoreContract : StoreContract<SqliteProvider>
{
}
