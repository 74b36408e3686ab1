using BudgetBot.Storage;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Tests.Storage;

// A SQLite file of its own under the temp directory; always available.
public sealed class SqliteProvider : StoreProvider
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"budgetbot-contract-{Guid.NewGuid():N}.db");

    public override string? SkipReason => null;

    internal override Task<Database> CreateAsync(CancellationToken ct) =>
        Task.FromResult(new Database(new StorageOptions { Provider = "sqlite", ConnectionString = $"Data Source={path}" }));

    public override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }
        return Task.CompletedTask;
    }
}
