using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Tests.Storage;

// Every statement the service declares (SqlStatements finds them by reflection, so a new one cannot
// be forgotten) runs once against the migrated schema, inside a transaction that is rolled back, with
// its parameters NULL. The behavioural tests above cover what each store does; this one makes the
// engine bind every table and column name of every statement, so on SQL Server the T-SQL text of the
// stores without a test of their own is executed too, not only parsed. Errors a NULL argument may
// cause (a NOT NULL column, a failed lock) are expected; a name or syntax the engine rejects is not.
public abstract partial class StoreContract<TProvider>
{
    // SQL Server: syntax (102, 105, 156, 319), undeclared variable (137), invalid column / object /
    // ambiguous column (207, 208, 209), unbound multi-part identifier (4104), GROUP BY errors (8120, 8127),
    // unknown procedure (2812), unknown function (195, 4121).
    private static readonly HashSet<int> WrongTextErrors = [102, 105, 137, 156, 195, 207, 208, 209, 319, 2812, 4104, 4121, 8120, 8127];

    private static readonly string[] WrongSqliteText = ["no such table", "no such column", "no such function", "syntax error", "ambiguous column", "misuse of"];

    [Fact]
    public async Task EveryStatement_RunsAgainstTheMigratedSchema()
    {
        var statements = SqlStatements.All();
        var ran = 0;
        var problems = new List<string>();
        foreach (var statement in statements)
        {
            var sql = Db.Sql(statement);
            var args = new DynamicParameters();
            foreach (var name in Regex.Matches(sql, @"(?<![@\w])@(\w+)").Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
            {
                args.Add(name, name == "Limit" ? 10 : null);
            }
            try
            {
                if (sql.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase))
                {
                    // A checkpoint waits for every transaction, its own included: it runs outside one, as the checkpointer runs it.
                    await Db.ReadAsync(c => c.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: Ct)), Ct);
                    throw new RolledBack();
                }
                await Db.WriteAsync<int>(async (c, tx) =>
                {
                    await c.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: Ct));
                    throw new RolledBack();
                }, Ct);
            }
            catch (RolledBack)
            {
                ran++;
            }
            catch (DbException e) when (!IsWrongText(e))
            {
                ran++;
            }
            catch (DbException e)
            {
                problems.Add($"{statement.Name}: {e.Message}");
            }
        }
        Assert.Empty(problems);
        Assert.Equal(statements.Count, ran);
    }

    private static bool IsWrongText(DbException e) => e switch
    {
        SqlException s => s.Errors.Cast<SqlError>().Any(error => WrongTextErrors.Contains(error.Number)),
        SqliteException s => WrongSqliteText.Any(text => s.Message.Contains(text, StringComparison.OrdinalIgnoreCase)),
        _ => true,
    };

    private sealed class RolledBack : Exception
    {
    }
}
