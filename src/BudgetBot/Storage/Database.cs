using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Storage;

// The one way into the database. Writes go through WriteAsync: on SQLite a BEGIN IMMEDIATE
// transaction (one writer at a time, so read-check-write sequences cannot interleave); on SQL
// Server a READ COMMITTED transaction whose statements take the locks they need (UPDLOCK, applocks).
internal sealed class Database(StorageOptions options, StorageHealth? health = null)
{
    private readonly SemaphoreSlim writers = new(1, 1);

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
                // wal_autocheckpoint: see SqliteCheckpointer. SqlitePragmas: an operator's (or a test's) extra settings.
                await connection.ExecuteAsync("PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 0;" + options.SqlitePragmas);
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
        if (Dialect != SqlDialect.Sqlite)
        {
            return await TransactAsync(work, ct);
        }
        // SQLite has one writer. This process's writers queue here instead of meeting SQLITE_BUSY
        // and sleeping in SQLite's busy handler (1, 2, 5, 10 ms ...), which put those sleeps into
        // webhook acknowledgements queued behind the inbox worker. Other processes on the same
        // file still wait through busy_timeout.
        await writers.WaitAsync(ct);
        try
        {
            return await TransactAsync(work, ct);
        }
        finally
        {
            writers.Release();
        }
    }

    private async Task<T> TransactAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        try
        {
            // A write that commits does not clear a recorded problem: it may have fitted in the file's
            // free pages while the storage stays full. Only ProbeWriteAsync, which needs fresh space, does.
            return await CommitAsync(work, ct);
        }
        catch (Exception e) when (health is not null && StorageHealth.Classify(e) is not null)
        {
            health.Record(e);
            throw;
        }
    }

    private async Task<T> CommitAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
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

    // Whether a write needing fresh space would succeed now, rolled back whatever happens: /readyz
    // asks while writes are failing, since a not-ready instance gets no traffic to find out.
    public async Task<bool> ProbeWriteAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(Dialect == SqlDialect.Sqlite
                ? "CREATE TABLE storage_probe (filler BLOB); INSERT INTO storage_probe VALUES (zeroblob(262144));"
                : "CREATE TABLE dbo.storage_probe (filler VARBINARY(MAX)); INSERT INTO dbo.storage_probe VALUES (CAST(REPLICATE(CAST(0x00 AS VARBINARY(MAX)), 262144) AS VARBINARY(MAX)));",
                transaction: tx);
            await tx.RollbackAsync(ct);
            health?.Healthy();
            return true;
        }
        catch (Exception e) when (StorageHealth.Classify(e) is not null)
        {
            health?.Record(e);
            return false;
        }
    }

    public string Sql(SqlStatement statement) => statement.For(Dialect);
}
