using System.Text.Json.Serialization;

namespace BudgetBot.Budgets;

internal enum ScopeKind
{
    Org,
    Team,
    Repo,
    Workflow,
    Experiment,
}

// What a budget counts (DESIGN §1): org, team:<id>, repo:<owner/name>, workflow:<name> or
// experiment:<id>. The one place scope text is parsed and written; repo keys are lower case, as
// GitHub's are. It lives in Policy, the folder every other one reads, so Usage (which rolls spend up
// by scope) and Budgets (which reads it back) share it without a cycle.
[JsonConverter(typeof(BudgetScopeJsonConverter))]
internal sealed record BudgetScope
{
    private BudgetScope(ScopeKind kind, string key)
    {
        Kind = kind;
        Key = key;
    }

    public ScopeKind Kind { get; }

    // The part after the colon; empty for org.
    public string Key { get; }

    public static BudgetScope Org { get; } = new(ScopeKind.Org, "");

    public static BudgetScope Team(string id) => new(ScopeKind.Team, id);

    public static BudgetScope Repo(string ownerName) => new(ScopeKind.Repo, ownerName.ToLowerInvariant());

    public static BudgetScope Workflow(string name) => new(ScopeKind.Workflow, name);

    public static BudgetScope Experiment(string id) => new(ScopeKind.Experiment, id);

    // The scopes one event counts towards: always the org and its team, and its repo, workflow and
    // experiment when it has them.
    public static IReadOnlyList<BudgetScope> Of(string team, string? repo, string? workflow, string? experiment)
    {
        var scopes = new List<BudgetScope>(5) { Org, Team(team) };
        if (repo is not null)
        {
            scopes.Add(Repo(repo));
        }
        if (workflow is not null)
        {
            scopes.Add(Workflow(workflow));
        }
        if (experiment is not null)
        {
            scopes.Add(Experiment(experiment));
        }
        return scopes;
    }

    // The shape only ("team:" needs a name, "org" none); whether the team exists is the policy's question.
    public static bool TryParse(string? text, out BudgetScope scope)
    {
        scope = Org;
        if (text is null)
        {
            return false;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return text == "org";
        }
        var key = text[(colon + 1)..];
        BudgetScope? parsed = key.Length == 0 ? null : text[..colon] switch
        {
            "team" => Team(key),
            "repo" => Repo(key),
            "workflow" => Workflow(key),
            "experiment" => Experiment(key),
            _ => null,
        };
        scope = parsed ?? Org;
        return parsed is not null;
    }

    public static BudgetScope Parse(string text) =>
        TryParse(text, out var scope) ? scope : throw new FormatException($"\"{text}\" is not a budget scope");

    // The team a budget belongs to: its team, or the team owning its repo (none for unowned repos).
    public string? OwningTeam(BudgetPolicy policy) => Kind switch
    {
        ScopeKind.Team => Key,
        ScopeKind.Repo when policy.ResolveTeam(Key) is var team && team != BudgetPolicy.UnassignedTeam => team,
        _ => null,
    };

    public override string ToString() => Kind switch
    {
        ScopeKind.Org => "org",
        ScopeKind.Team => "team:" + Key,
        ScopeKind.Repo => "repo:" + Key,
        ScopeKind.Workflow => "workflow:" + Key,
        _ => "experiment:" + Key,
    };
}
