namespace BudgetBot.Storage;

// Every statement the service runs is a static SqlStatement beside its one user, so the ScriptDom
// test can find and parse each T-SQL text by reflection and the SQLite test can prepare each one.
internal sealed record SqlStatement(string Name, string Sqlite, string SqlServer)
{
    public SqlStatement(string name, string both)
        : this(name, both, both)
    {
    }

    public string For(SqlDialect dialect) => dialect == SqlDialect.SqlServer ? SqlServer : Sqlite;
}
