using BudgetBot.Storage;
using Dapper;
using Microsoft.Data.SqlClient;

namespace BudgetBot.Tests.Storage;

// A database of its own on a real SQL Server. Set BUDGETBOT_TEST_SQLSERVER to a connection string
// whose login may CREATE DATABASE, e.g.
// "Server=localhost,1433;User Id=sa;Password=...;TrustServerCertificate=True" (see README; CI sets it).
public sealed class SqlServerProvider : StoreProvider
{
    public const string Variable = "BUDGETBOT_TEST_SQLSERVER";

    private readonly string name = $"budgetbot_test_{Guid.NewGuid():N}";
    private bool created;

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { } s && !string.IsNullOrWhiteSpace(s) ? s : null;

    public override string? SkipReason => ConnectionString is null
        ? $"SQL Server contract suite skipped: set {Variable} to a SQL Server connection string whose login may create databases to run it " +
          $"(e.g. {Variable}=\"Server=localhost,1433;User Id=sa;Password=...;TrustServerCertificate=True\" dotnet test; CI does, with a service container)."
        : null;

    internal override async Task<Database> CreateAsync(CancellationToken ct)
    {
        await using (var master = new SqlConnection(ConnectionString))
        {
            await master.ExecuteAsync(new CommandDefinition($"CREATE DATABASE [{name}]", cancellationToken: ct));
        }
        created = true;
        var builder = new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = name };
        return new Database(new StorageOptions { Provider = "sqlserver", ConnectionString = builder.ConnectionString });
    }

    public override async Task DropAsync()
    {
        if (!created)
        {
            return;
        }
        SqlConnection.ClearAllPools();
        await using var master = new SqlConnection(ConnectionString);
        await master.ExecuteAsync(
            $"IF DB_ID('{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END");
    }
}
