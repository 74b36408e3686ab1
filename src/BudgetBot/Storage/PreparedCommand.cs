using System.Data;
using System.Data.Common;

namespace BudgetBot.Storage;

// One statement run for many rows of one transaction: created once, prepared once on SQLite, its
// parameters rebound for each row. Microsoft.Data.Sqlite keeps no statement cache, so a fresh Dapper
// command per row compiles the SQL again every time: for the few hundred rollup upserts of an ingested
// batch that compiling was a fifth of the batch (docs/BENCHMARKS.md). SQL Server is not prepared: its
// plan cache already reuses the statement, and Prepare would need every string's size.
internal sealed class PreparedCommand : IAsyncDisposable
{
    private readonly DbCommand command;
    private readonly DbParameter[] parameters;

    private PreparedCommand(DbCommand command, DbParameter[] parameters)
    {
        this.command = command;
        this.parameters = parameters;
    }

    // Parameters in the order ExecuteAsync's values bind them; each typed, so a null binds as its
    // column's type (as Dapper types a nullable member).
    public static PreparedCommand Create(Database db, DbConnection c, DbTransaction tx, SqlStatement statement, params ReadOnlySpan<(string Name, DbType Type)> names)
    {
        var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = db.Sql(statement);
        var parameters = new DbParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@" + names[i].Name;
            parameters[i].DbType = names[i].Type;
            command.Parameters.Add(parameters[i]);
        }
        if (db.Dialect == SqlDialect.Sqlite)
        {
            command.Prepare();
        }
        return new PreparedCommand(command, parameters);
    }

    // Rows changed, as DbCommand.ExecuteNonQuery counts them.
    public Task<int> ExecuteAsync(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return command.ExecuteNonQueryAsync();
    }

    // The first column of the first row, null when there is none or it is NULL.
    public async Task<object?> ScalarAsync(params object?[] values)
    {
        Bind(values);
        return await command.ExecuteScalarAsync() is { } v and not DBNull ? v : null;
    }

    private void Bind(ReadOnlySpan<object?> values)
    {
        if (values.Length != parameters.Length)
        {
            throw new ArgumentException($"{parameters.Length} values expected, {values.Length} given", nameof(values));
        }
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
