using System.Text.RegularExpressions;

namespace BudgetBot.Budgets;

// "owner/name" with optional '*' wildcards. A '*' never matches '/', so "acme/*" is one owner's repos.
// Hand-rolled rather than Regex because ResolveTeam runs for every usage event.
internal static partial class RepoPattern
{
    public static bool IsValid(string pattern) => Shape().IsMatch(pattern);

    public static bool IsGlob(string pattern) => pattern.Contains('*', StringComparison.Ordinal);

    public static bool Matches(string pattern, string repo)
    {
        int p = 0, r = 0, star = -1, resume = 0;
        while (r < repo.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && EqualsIgnoreCase(pattern[p], repo[r]))
            {
                p++;
                r++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = r;
            }
            else if (star >= 0 && repo[resume] != '/')
            {
                // Let the last '*' swallow one more character and retry from there.
                p = star + 1;
                r = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool EqualsIgnoreCase(char a, char b) =>
        a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);

    [GeneratedRegex(@"^[A-Za-z0-9_.*-]+/[A-Za-z0-9_.*-]+$")]
    private static partial Regex Shape();
}
