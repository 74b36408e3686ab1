using System.Text.RegularExpressions;

namespace BudgetBot.Otlp;

// owner/name from what senders have: "acme/api", a clone URL in any of git's forms, or owner and
// name apart (OTel VCS conventions). Anything else is not a repository name and gives null.
internal static partial class RepoNames
{
    public static string? Normalize(string? name, string? owner = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var candidate = name.Contains('/', StringComparison.Ordinal) || owner is null ? name : owner + "/" + name;
        return OwnerName().IsMatch(candidate) ? candidate.ToLowerInvariant() : null;
    }

    // https://github.com/acme/api.git, git@github.com:acme/api.git, ssh://git@host:22/acme/api
    public static string? FromUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        var path = url.Trim().TrimEnd('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4];
        }
        var parts = path.Split(['/', ':'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? Normalize(parts[^2] + "/" + parts[^1]) : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    private static partial Regex OwnerName();
}
