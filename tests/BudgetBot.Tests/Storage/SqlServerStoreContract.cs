using BudgetBot.Storage;
using Dapper;
using Microsoft.Data.SqlClient;

namespace BudgetBot.Tests.Storage;

// Runs the same contract on a real SQL Server, each test on a database of its own. Set
// BUDGETBOT_TEST_SQLSERVER to a connection string whose login may CREATE DATABASE, e.g.
// "Server=localhost,1433;User Id=sa;Password=...;TrustServerCertificate=True" (see README).
public sealed class SqlServerStoreContract : StoreContract
{
    public const string Variable = "BUDGETBOT_TEST_SQLSERVER";

    private readonly string name = $"budgetbot_test_{Guid.NewGuid():N}";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);

    internal override async Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipWhen(string.IsNullOrWhiteSpace(ConnectionString),
            $"SQL Server contract suite skipped: set {Variable} to a SQL Server connection string to run it (CI does, with a service container).");
        await using (var master = new SqlConnection(ConnectionString))
        {
            await master.ExecuteAsync($"CREATE DATABASE [{name}]");
        }
        var builder = new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = name };
        return new Database(new StorageOptions { Provider = "sqlserver", ConnectionString = builder.ConnectionString });
    }

    protected override async Task DropDatabaseAsync()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            return;
        }
        SqlConnection.ClearAllPools();
        await using var master = new SqlConnection(ConnectionString);
        await master.ExecuteAsync($"IF DB_ID('{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END");
    }
}
