using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Storage;

// The one way into the database. Writes go through WriteAsync: on SQLite a BEGIN IMMEDIATE
// transaction (one writer at a time, so read-check-write sequences cannot interleave); on SQL
// Server a READ COMMITTED transaction whose statements take the locks they need (UPDLOCK, applocks).
internal sealed class Database(StorageOptions options)
{
    public SqlDialect Dialect { get; } = options.Dialect;

    public string ConnectionString { get; } = options.ConnectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        DbConnection connection = Dialect == SqlDialect.SqlServer
            ? new SqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            if (Dialect == SqlDialect.Sqlite)
            {
                await connection.ExecuteAsync("PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;");
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await work(connection);
    }

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = Dialect == SqlDialect.Sqlite
            ? ((SqliteConnection)connection).BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) =>
        WriteAsync<bool>(async (c, t) => { await work(c, t); return true; }, ct);

    public string Sql(SqlStatement statement) => statement.For(Dialect);
}
