using System.Data;
using BudgetBot.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Tests.Storage;

// PreparedCommand drives SQLite statements through SQLitePCLRaw (not a SqliteCommand), so what a
// SqliteCommand did for free is checked here against a real file: every value type binds as
// Microsoft.Data.Sqlite binds it ("" is text, not NULL), the statement runs in the connection's
// transaction, a duplicate key is the SqliteException Constraints knows and leaves the statement
// usable, and rows changed and scalars read as ExecuteNonQuery and ExecuteScalar answer.
public sealed class PreparedCommandTests : IAsyncLifetime
{
    private static readonly SqlStatement Insert = new("Tests.PreparedInsert",
        "INSERT INTO t (k, s, n, b) VALUES (@K, @S, @N, @B) ON CONFLICT (k) DO NOTHING;");

    private static readonly SqlStatement InsertStrict = new("Tests.PreparedInsertStrict", "INSERT INTO t (k, s, n, b) VALUES (@K, @S, @N, @B);");

    private static readonly SqlStatement Bump = new("Tests.PreparedBump", "UPDATE t SET n = n + 1 WHERE s = @S;");

    private static readonly SqlStatement Read = new("Tests.PreparedRead", "SELECT s FROM t WHERE k = @K;");

    private static readonly SqlStatement ReadAll = new("Tests.PreparedReadAll", "SELECT k, s, n FROM t WHERE n >= @Min ORDER BY k;");

    private static readonly SqlStatement ReadNumber = new("Tests.PreparedReadNumber", "SELECT n FROM t WHERE k = @K;");

    private readonly string path = Path.Combine(Path.GetTempPath(), $"budgetbot-prepared-{Guid.NewGuid():N}.db");
    private Database db = null!;

    public async ValueTask InitializeAsync()
    {
        db = new Database(new StorageOptions { ConnectionString = $"Data Source={path}" });
        await using var c = await db.OpenAsync(TestContext.Current.CancellationToken);
        await c.ExecuteAsync("CREATE TABLE t (k TEXT NOT NULL PRIMARY KEY, s TEXT NULL, n INTEGER NULL, b INTEGER NULL);");
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Values_BindAsMicrosoftDataSqliteBindsThem()
    {
        await db.WriteAsync(async (c, tx) =>
        {
            await using var insert = PreparedCommand.Create(db, c, tx, Insert, ("K", DbType.String), ("S", DbType.String), ("N", DbType.Int64), ("B", DbType.Int32));
            Assert.Equal(1, await insert.ExecuteAsync("empty", "", 7L, true));
            Assert.Equal(1, await insert.ExecuteAsync("null", null, null, false));
            Assert.Equal(1, await insert.ExecuteAsync("dbnull", DBNull.Value, 3, 0));
            Assert.Equal(1, await insert.ExecuteAsync("text", "café ✓ 🚀 " + new string('x', 600), long.MaxValue, 1));
        }, TestContext.Current.CancellationToken);

        await using var c = await db.OpenAsync(TestContext.Current.CancellationToken);
        var rows = (await c.QueryAsync<(string K, string? S, long? N, long? B, string SType)>("SELECT k, s, n, b, typeof(s) FROM t ORDER BY k;")).ToList();
        Assert.Equal(("dbnull", (string?)null, (long?)3, (long?)0, "null"), rows[0]);
        Assert.Equal(("empty", "", 7, 1, "text"), rows[1]);
        Assert.Equal(("null", (string?)null, (long?)null, (long?)0, "null"), rows[2]);
        Assert.Equal(("text", "café ✓ 🚀 " + new string('x', 600), long.MaxValue, 1, "text"), rows[3]);
    }

    [Fact]
    public async Task RowsChanged_CountAsExecuteNonQuery()
    {
        var counts = await db.WriteAsync(async (c, tx) =>
        {
            await using var insert = PreparedCommand.Create(db, c, tx, Insert, ("K", DbType.String), ("S", DbType.String), ("N", DbType.Int64), ("B", DbType.Int32));
            await using var bump = PreparedCommand.Create(db, c, tx, Bump, ("S", DbType.String));
            return new[]
            {
                await insert.ExecuteAsync("a", "x", 1, 0), await insert.ExecuteAsync("a", "x", 1, 0), await insert.ExecuteAsync("b", "x", 1, 0),
                await bump.ExecuteAsync("x"), await bump.ExecuteAsync("none"),
            };
        }, TestContext.Current.CancellationToken);

        Assert.Equal([1, 0, 1, 2, 0], counts);
    }

    [Fact]
    public async Task DuplicateKey_IsTheSqliteExceptionConstraintsKnows_AndTheStatementRunsOn()
    {
        await db.WriteAsync(async (c, tx) =>
        {
            await using var insert = PreparedCommand.Create(db, c, tx, InsertStrict, ("K", DbType.String), ("S", DbType.String), ("N", DbType.Int64), ("B", DbType.Int32));
            await insert.ExecuteAsync("a", "first", 1, 0);
            var e = await Assert.ThrowsAsync<SqliteException>(() => insert.ExecuteAsync("a", "again", 2, 0));
            Assert.True(Constraints.IsDuplicateKey(e), e.Message);
            Assert.Equal(1, await insert.ExecuteAsync("b", "next", 3, 0));
        }, TestContext.Current.CancellationToken);

        await using var c = await db.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["first", "next"], await c.QueryAsync<string>("SELECT s FROM t ORDER BY k;"));
    }

    [Fact]
    public async Task Statements_RunInTheConnectionsTransaction()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteAsync(async (c, tx) =>
        {
            await using var insert = PreparedCommand.Create(db, c, tx, Insert, ("K", DbType.String), ("S", DbType.String), ("N", DbType.Int64), ("B", DbType.Int32));
            await insert.ExecuteAsync("a", "x", 1, 0);
            throw new InvalidOperationException("the transaction rolls back");
        }, TestContext.Current.CancellationToken));

        await using var c = await db.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t;"));
    }

    [Fact]
    public async Task Scalar_ReadsTheFirstColumn_OrNull()
    {
        var read = await db.WriteAsync(async (c, tx) =>
        {
            await using var insert = PreparedCommand.Create(db, c, tx, Insert, ("K", DbType.String), ("S", DbType.String), ("N", DbType.Int64), ("B", DbType.Int32));
            await insert.ExecuteAsync("a", "é", 42, 0);
            await insert.ExecuteAsync("n", null, null, 0);
            await using var text = PreparedCommand.Create(db, c, tx, Read, ("K", DbType.String));
            await using var number = PreparedCommand.Create(db, c, tx, ReadNumber, ("K", DbType.String));
            return new[] { await text.ScalarAsync("a"), await number.ScalarAsync("a"), await text.ScalarAsync("n"), await text.ScalarAsync("missing"), await text.ScalarAsync("a") };
        }, TestContext.Current.CancellationToken);

        Assert.Equal(new object?[] { "é", 42L, null, null, "é" }, read);
    }

    [Fact]
    public async Task Read_MapsEveryRowByOrdinal_OutsideATransaction_AndRunsOnAfterAFailingMap()
    {
        await db.WriteAsync(async (c, tx) =>
        {
            await using var insert = PreparedCommand.Create(db, c, tx, Insert, ("K", DbType.String), ("S", DbType.String), ("N", DbType.Int64), ("B", DbType.Int32));
            await insert.ExecuteAsync("a", "ä", 1, 0);
            await insert.ExecuteAsync("b", "", 2, 0);
            await insert.ExecuteAsync("c", "n", 3, 0);
        }, TestContext.Current.CancellationToken);

        await using var c = await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var read = PreparedCommand.Create(db, c, null, ReadAll, ("Min", DbType.Int64));
        Assert.Equal([("a", "ä", 1L), ("b", "", 2L), ("c", "n", 3L)], await read.ReadAsync(r => (r.GetString(0), r.GetString(1), r.GetInt64(2)), 0L));
        Assert.Empty(await read.ReadAsync(r => r.GetString(0), 9L));
        await Assert.ThrowsAsync<InvalidOperationException>(() => read.ReadAsync<string>(_ => throw new InvalidOperationException("a map that fails"), 0L));
        Assert.Equal(["b", "c"], await read.ReadAsync(r => r.GetString(0), 2L));
    }

    [Fact]
    public async Task AMissingParameter_IsRefusedWhenPrepared()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => db.WriteAsync(async (c, tx) =>
        {
            await using var insert = PreparedCommand.Create(db, c, tx, Insert, ("K", DbType.String), ("S", DbType.String));
        }, TestContext.Current.CancellationToken));
        Assert.Contains("4 parameters", e.Message, StringComparison.Ordinal);
    }
}
