using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BudgetBot.Storage;

// One statement run for many rows of one transaction: created once, prepared once, its parameters
// rebound for each row. Microsoft.Data.Sqlite keeps no statement cache, so a fresh Dapper command per
// row compiles the SQL again every time; and even a prepared SqliteCommand looks every parameter up
// by name (its UTF-8 copied to native code) and builds a data reader on each execution, which was a
// third of the ingest transaction, the one part of ingestion that cannot run in parallel
// (docs/BENCHMARKS.md). On SQLite this therefore drives the statement through SQLitePCLRaw, the
// library Microsoft.Data.Sqlite itself calls, with the parameter positions resolved once; errors
// still surface as Microsoft.Data.Sqlite's SqliteException. SQL Server is not prepared: its plan
// cache already reuses the statement, and Prepare would need every string's size.
internal sealed class PreparedCommand : IAsyncDisposable
{
    private readonly IStatement statement;

    private PreparedCommand(IStatement statement) => this.statement = statement;

    // Parameters in the order ExecuteAsync's values bind them; each typed, so a null binds as its
    // column's type (as Dapper types a nullable member).
    // A read outside a transaction passes none.
    public static PreparedCommand Create(Database db, DbConnection c, DbTransaction? tx, SqlStatement statement, params ReadOnlySpan<(string Name, DbType Type)> names) =>
        new(db.Dialect == SqlDialect.Sqlite && c is SqliteConnection { Handle: { } handle }
            ? RawStatement.Prepare(handle, db.Sql(statement), names)
            : CommandStatement.Create(c, tx, db.Sql(statement), names));

    // Rows changed, as DbCommand.ExecuteNonQuery counts them.
    public Task<int> ExecuteAsync(params ReadOnlySpan<object?> values) => statement.ExecuteAsync(values);

    // The first column of the first row, null when there is none or it is NULL.
    public Task<object?> ScalarAsync(params object?[] values) => statement.ScalarAsync(values);

    // Every row, each turned into a T by map while it is current (read its columns by ordinal there).
    public Task<List<T>> ReadAsync<T>(Func<IRecord, T> map, params object?[] values) => statement.ReadAsync(map, values);

    public ValueTask DisposeAsync() => statement.DisposeAsync();

    private interface IStatement : IAsyncDisposable
    {
        Task<int> ExecuteAsync(ReadOnlySpan<object?> values);

        Task<object?> ScalarAsync(object?[] values);

        Task<List<T>> ReadAsync<T>(Func<IRecord, T> map, object?[] values);
    }

    // The current row of ReadAsync, as a DbDataReader gives it.
    private sealed class ReaderRecord(DbDataReader reader) : IRecord
    {
        public string GetString(int ordinal) => reader.GetString(ordinal);

        public long GetInt64(int ordinal) => reader.GetInt64(ordinal);
    }

    // SQL Server: an ADO.NET command in the transaction, its parameters given new values per row.
    private sealed class CommandStatement(DbCommand command, DbParameter[] parameters) : IStatement
    {
        public static CommandStatement Create(DbConnection c, DbTransaction? tx, string sql, ReadOnlySpan<(string Name, DbType Type)> names)
        {
            var command = c.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            var parameters = new DbParameter[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                parameters[i] = command.CreateParameter();
                parameters[i].ParameterName = "@" + names[i].Name;
                parameters[i].DbType = names[i].Type;
                command.Parameters.Add(parameters[i]);
            }
            return new CommandStatement(command, parameters);
        }

        public Task<int> ExecuteAsync(ReadOnlySpan<object?> values)
        {
            Bind(values);
            return command.ExecuteNonQueryAsync();
        }

        public async Task<object?> ScalarAsync(object?[] values)
        {
            Bind(values);
            return await command.ExecuteScalarAsync() is { } v and not DBNull ? v : null;
        }

        public async Task<List<T>> ReadAsync<T>(Func<IRecord, T> map, object?[] values)
        {
            Bind(values);
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync();
            var record = new ReaderRecord(reader);
            while (await reader.ReadAsync())
            {
                rows.Add(map(record));
            }
            return rows;
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

    // One SQLite statement on the connection's own handle, so it runs in the connection's open
    // transaction like any SqliteCommand would.
    private sealed class RawStatement(sqlite3 db, sqlite3_stmt statement, int[] positions, bool readOnly) : IStatement, IRecord
    {
        private byte[] utf8 = new byte[256];

        public static RawStatement Prepare(sqlite3 db, string sql, ReadOnlySpan<(string Name, DbType Type)> names)
        {
            var rc = raw.sqlite3_prepare_v2(db, sql, out var statement, out var tail);
            if (rc != raw.SQLITE_OK || statement is null)
            {
                statement?.Dispose();
                SqliteException.ThrowExceptionForRC(rc, db);
                throw new InvalidOperationException("SQLite prepared no statement for: " + sql);
            }
            if (!string.IsNullOrWhiteSpace(tail))
            {
                statement.Dispose();
                throw new ArgumentException("A prepared command holds one SQLite statement; this one goes on: " + tail);
            }
            var positions = new int[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                positions[i] = raw.sqlite3_bind_parameter_index(statement, "@" + names[i].Name);
            }
            if (raw.sqlite3_bind_parameter_count(statement) is var count && count != positions.Count(p => p > 0))
            {
                statement.Dispose();
                throw new ArgumentException($"The statement has {count} parameters; {positions.Count(p => p > 0)} of the names given are in it");
            }
            return new RawStatement(db, statement, positions, raw.sqlite3_stmt_readonly(statement) != 0);
        }

        public Task<int> ExecuteAsync(ReadOnlySpan<object?> values) => Task.FromResult(Execute(values));

        public Task<object?> ScalarAsync(object?[] values) => Task.FromResult(Scalar(values));

        // Read straight from the statement: a SqliteDataReader asks SQLite for the column count and
        // the column's type again on every value read, which was half of reading the PR comment's
        // 400 rows of 14 columns (docs/BENCHMARKS.md).
        public Task<List<T>> ReadAsync<T>(Func<IRecord, T> map, object?[] values)
        {
            Bind(values);
            var rows = new List<T>();
            int rc;
            try
            {
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    rows.Add(map(this));
                }
            }
            catch
            {
                raw.sqlite3_reset(statement);
                throw;
            }
            Done(rc);
            return Task.FromResult(rows);
        }

        public string GetString(int ordinal) =>
            raw.sqlite3_column_text(statement, ordinal).utf8_to_string()
            ?? throw new InvalidCastException($"Column {ordinal} is NULL, not text.");

        public long GetInt64(int ordinal) => raw.sqlite3_column_int64(statement, ordinal);

        private int Execute(ReadOnlySpan<object?> values)
        {
            Bind(values);
            var rc = raw.sqlite3_step(statement);
            while (rc == raw.SQLITE_ROW)
            {
                rc = raw.sqlite3_step(statement);
            }
            Done(rc);
            return readOnly ? 0 : raw.sqlite3_changes(db);
        }

        private object? Scalar(ReadOnlySpan<object?> values)
        {
            Bind(values);
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_ROW)
            {
                Done(rc);
                return null;
            }
            object? value = raw.sqlite3_column_type(statement, 0) switch
            {
                raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, 0),
                raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, 0),
                raw.SQLITE_TEXT => raw.sqlite3_column_text(statement, 0).utf8_to_string(),
                raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, 0).ToArray(),
                _ => null,
            };
            raw.sqlite3_reset(statement);
            return value;
        }

        // The statement is reset whatever happened, so the next row can use it (a duplicate key is
        // an expected failure); a failure is thrown as Microsoft.Data.Sqlite would throw it.
        private void Done(int rc)
        {
            if (rc == raw.SQLITE_DONE)
            {
                raw.sqlite3_reset(statement);
                return;
            }
            try
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }

        private void Bind(ReadOnlySpan<object?> values)
        {
            if (values.Length != positions.Length)
            {
                throw new ArgumentException($"{positions.Length} values expected, {values.Length} given", nameof(values));
            }
            for (var i = 0; i < values.Length; i++)
            {
                var at = positions[i];
                if (at == 0)
                {
                    continue;
                }
                var rc = values[i] switch
                {
                    null or DBNull => raw.sqlite3_bind_null(statement, at),
                    string s => BindText(at, s),
                    long l => raw.sqlite3_bind_int64(statement, at, l),
                    int n => raw.sqlite3_bind_int64(statement, at, n),
                    bool b => raw.sqlite3_bind_int64(statement, at, b ? 1 : 0),
                    double d => raw.sqlite3_bind_double(statement, at, d),
                    var other => throw new ArgumentException($"A prepared command binds text, integers and reals, not {other.GetType().Name}", nameof(values)),
                };
                if (rc != raw.SQLITE_OK)
                {
                    SqliteException.ThrowExceptionForRC(rc, db);
                }
            }
        }

        // Encoded into one buffer kept for the statement's life: SQLitePCLRaw's string overload
        // allocates a fresh UTF-8 copy for every value (SQLite copies the bytes either way). An empty
        // span would pin as a null pointer, which SQLite binds as NULL, so "" keeps the string overload.
        private int BindText(int at, string s)
        {
            if (s.Length == 0)
            {
                return raw.sqlite3_bind_text(statement, at, s);
            }
            var most = System.Text.Encoding.UTF8.GetMaxByteCount(s.Length);
            if (most > utf8.Length)
            {
                utf8 = new byte[Math.Max(most, utf8.Length * 2)];
            }
            var length = System.Text.Encoding.UTF8.GetBytes(s, utf8);
            return raw.sqlite3_bind_text(statement, at, utf8.AsSpan(0, length));
        }

        public ValueTask DisposeAsync()
        {
            statement.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

// A row being read through PreparedCommand.ReadAsync: its columns by ordinal, valid only inside the map.
internal interface IRecord
{
    string GetString(int ordinal);

    long GetInt64(int ordinal);
}
