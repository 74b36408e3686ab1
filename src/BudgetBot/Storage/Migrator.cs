using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Storage;

// Applies the embedded, numbered migrations of the configured dialect. Two instances starting
// together are safe: SQLite serialises them with BEGIN IMMEDIATE, SQL Server with sp_getapplock,
// and each re-reads the applied versions once it holds the lock.
internal sealed partial class Migrator(Database db, ILogger<Migrator> logger)
{
    private static readonly SqlStatement CreateHistory = new(
        "Migrations.CreateHistory",
        "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT NOT NULL PRIMARY KEY, applied_at_ms INTEGER NOT NULL);",
        "IF OBJECT_ID(N'dbo.schema_migrations', N'U') IS NULL CREATE TABLE dbo.schema_migrations (version NVARCHAR(100) NOT NULL PRIMARY KEY, applied_at_ms BIGINT NOT NULL);");

    private static readonly SqlStatement TakeLock = new(
        "Migrations.TakeLock",
        "SELECT 1;",
        "EXEC sp_getapplock @Resource = N'budgetbot:migrations', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 120000;");

    private static readonly SqlStatement Applied = new("Migrations.Applied", "SELECT version FROM schema_migrations;");

    private static readonly SqlStatement Record = new(
        "Migrations.Record",
        "INSERT INTO schema_migrations (version, applied_at_ms) VALUES (@Version, @AppliedAtMs);");

    public static IReadOnlyList<(string Version, string Sql)> Embedded(SqlDialect dialect)
    {
        var folder = dialect == SqlDialect.SqlServer ? ".SqlServer." : ".Sqlite.";
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Storage.Migrations" + folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: VersionOf(n), Sql: Read(assembly, n)))
            .OrderBy(m => m.Version, StringComparer.Ordinal)
            .ToList();
    }

    public static IEnumerable<string> Batches(string sql) =>
        GoSeparator().Split(sql).Select(b => b.Trim()).Where(b => b.Length > 0);

    public async Task<int> MigrateAsync(TimeProvider clock, CancellationToken ct = default)
    {
        if (db.Dialect == SqlDialect.Sqlite)
        {
            await using var c = await db.OpenAsync(ct);
            await c.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }

        var count = await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(db.Sql(TakeLock), transaction: tx);
            await c.ExecuteAsync(db.Sql(CreateHistory), transaction: tx);
            var applied = (await c.QueryAsync<string>(db.Sql(Applied), transaction: tx)).ToHashSet(StringComparer.Ordinal);
            var pending = Embedded(db.Dialect).Where(m => !applied.Contains(m.Version)).ToList();
            foreach (var (version, sql) in pending)
            {
                await ApplyAsync(c, tx, sql);
                await c.ExecuteAsync(db.Sql(Record), new { Version = version, AppliedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds() }, tx);
                LogApplied(logger, version);
            }
            return pending.Count;
        }, ct);
        return count;
    }

    public async Task<bool> IsCurrentAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        try
        {
            var applied = (await c.QueryAsync<string>(db.Sql(Applied))).ToHashSet(StringComparer.Ordinal);
            return Embedded(db.Dialect).All(m => applied.Contains(m.Version));
        }
        catch (Exception e) when (e is SqliteException or Microsoft.Data.SqlClient.SqlException)
        {
            // No history table yet: the database is reachable but not migrated.
            return false;
        }
    }

    private static async Task ApplyAsync(DbConnection c, DbTransaction tx, string sql)
    {
        foreach (var batch in Batches(sql))
        {
            await c.ExecuteAsync(batch, transaction: tx);
        }
    }

    private static string VersionOf(string resourceName)
    {
        var withoutExt = resourceName[..^".sql".Length];
        return withoutExt[(withoutExt.LastIndexOf('.') + 1)..];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied migration {Version}")]
    private static partial void LogApplied(ILogger logger, string version);
}
