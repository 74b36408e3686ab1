namespace BudgetBot.Usage;

// The budget scopes one event counts towards (DESIGN §1): always the org and its team, and its
// repo, workflow and experiment when it has them. Repo keys are lower case, as GitHub's are.
internal static class SpendScopes
{
    public const string Org = "org";

    public static IReadOnlyList<string> For(string team, string? repo, string? workflow, string? experiment)
    {
        var scopes = new List<string>(5) { Org, "team:" + team };
        if (repo is not null)
        {
            scopes.Add("repo:" + repo.ToLowerInvariant());
        }
        if (workflow is not null)
        {
            scopes.Add("workflow:" + workflow);
        }
        if (experiment is not null)
        {
            scopes.Add("experiment:" + experiment);
        }
        return scopes;
    }

    public static string Normalise(string scope) =>
        scope.StartsWith("repo:", StringComparison.OrdinalIgnoreCase) ? scope.ToLowerInvariant() : scope;
}
