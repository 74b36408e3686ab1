using System.Collections;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Budgets;

// The one SQL filter of usage_events by budget scope. A query is written once with `{scope}` where
// its WHERE condition goes; this makes one statement per scope kind (so every text is a constant the
// dialect tests find and parse) and binds the scope's key as @ScopeKey.
internal sealed class ScopeQuery : IEnumerable<SqlStatement>
{
    private readonly Dictionary<ScopeKind, SqlStatement> byKind;

    public ScopeQuery(string name, string sqlite, string? sqlServer = null) =>
        byKind = Enum.GetValues<ScopeKind>().ToDictionary(k => k, k => new SqlStatement(
            $"{name}.{k.ToString().ToLowerInvariant()}", sqlite.Replace("{scope}", Where(k), StringComparison.Ordinal),
            (sqlServer ?? sqlite).Replace("{scope}", Where(k), StringComparison.Ordinal)));

    // The condition on usage_events columns that selects one scope's events.
    public static string Where(ScopeKind kind) => kind switch
    {
        ScopeKind.Org => "1 = 1",
        ScopeKind.Team => "team = @ScopeKey",
        ScopeKind.Repo => "repo = @ScopeKey",
        ScopeKind.Workflow => "workflow = @ScopeKey",
        _ => "experiment = @ScopeKey",
    };

    public SqlStatement For(BudgetScope scope) => byKind[scope.Kind];

    // The query's own parameters plus @ScopeKey.
    public static DynamicParameters Args(BudgetScope scope, object args)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("ScopeKey", scope.Key);
        return parameters;
    }

    public IEnumerator<SqlStatement> GetEnumerator() => byKind.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
