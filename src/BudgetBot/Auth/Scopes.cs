namespace BudgetBot.Auth;

internal static class Scopes
{
    public const string Ingest = "ingest";
    public const string Read = "read";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Ingest, Read, Admin };

    public static IReadOnlyList<string> Unknown(IEnumerable<string> scopes) => scopes.Where(s => !All.Contains(s)).Distinct().ToList();
}
