using BudgetBot.Storage;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Tests.Storage;

public sealed class SqliteStoreContract : StoreContract
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"budgetbot-contract-{Guid.NewGuid():N}.db");

    internal override Task<Database> CreateDatabaseAsync() =>
        Task.FromResult(new Database(new StorageOptions { Provider = "sqlite", ConnectionString = $"Data Source={path}" }));

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }
        return Task.CompletedTask;
    }
}
