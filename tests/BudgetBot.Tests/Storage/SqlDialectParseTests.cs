using BudgetBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace BudgetBot.Tests.Storage;

// SQL Server cannot run here, so its dialect is kept honest by parsing every migration batch and
// every statement with ScriptDom; the SQLite texts are prepared against a migrated database.
public sealed class SqlDialectParseTests
{
    public static TheoryData<string> SqlServerStatements() =>
        new(SqlStatements.All().Select(s => s.Name).Distinct());

    [Fact]
    public void StatementsAreFound()
    {
        Assert.True(SqlStatements.All().Count >= 15, "the reflection scan found too few statements to be working");
        Assert.Equal(SqlStatements.All().Count, SqlStatements.All().Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void EveryTSqlMigrationBatch_Parses()
    {
        var migrations = Migrator.Embedded(SqlDialect.SqlServer);
        Assert.NotEmpty(migrations);
        Assert.Equal(Migrator.Embedded(SqlDialect.Sqlite).Select(m => m.Version), migrations.Select(m => m.Version));
        var problems = migrations
            .SelectMany(m => Migrator.Batches(m.Sql).Select(b => (m.Version, Errors: Parse(b))))
            .Where(x => x.Errors.Count > 0)
            .Select(x => $"{x.Version}: {string.Join("; ", x.Errors)}")
            .ToList();
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(SqlServerStatements))]
    public void EveryTSqlStatement_Parses(string name)
    {
        var statement = SqlStatements.All().Single(s => s.Name == name);
        Assert.Empty(Parse(statement.SqlServer));
    }

    [Fact]
    public async Task EverySqliteStatement_PreparesAgainstTheMigratedSchema()
    {
        var path = Path.Combine(Path.GetTempPath(), $"budgetbot-prepare-{Guid.NewGuid():N}.db");
        try
        {
            var db = new Database(new StorageOptions { ConnectionString = $"Data Source={path}" });
            await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(TimeProvider.System, TestContext.Current.CancellationToken);
            await using var c = (SqliteConnection)await db.OpenAsync(TestContext.Current.CancellationToken);
            var problems = new List<string>();
            foreach (var s in SqlStatements.All())
            {
                using var command = c.CreateCommand();
                command.CommandText = s.Sqlite;
                try
                {
                    command.Prepare();
                }
                catch (SqliteException e)
                {
                    problems.Add($"{s.Name}: {e.Message}");
                }
            }
            Assert.Empty(problems);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static IList<string> Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        return errors.Select(e => $"line {e.Line}: {e.Message}").ToList();
    }
}
