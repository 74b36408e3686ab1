using System.Security.Claims;
using BudgetBot.Budgets;

namespace BudgetBot.Dashboard;

// Who is looking at the dashboard and what they may see, worked out on every request from the session
// (which keeps only how they signed in and their login) and the CURRENT policy, so a reload that drops
// a login from a team, or a lead from the leads, narrows their view at once. Token sign-in, founders
// and team leads see everything; any other organisation member sees the teams whose members list
// their GitHub login, and a member of no team sees nothing (docs/decisions/dashboard-member-view.md).
// Every page and the CSV download ask this one type.
internal sealed class DashboardViewer
{
    public const string ViaClaim = "via";
    public const string ViaToken = "token";
    public const string ViaGitHub = "github";

    private DashboardViewer(BudgetPolicy policy, bool all, IReadOnlyList<string> teams)
    {
        Policy = policy;
        All = all;
        Teams = teams;
    }

    // The policy the request reads, once, so every figure on a page follows the same one.
    public BudgetPolicy Policy { get; }

    public bool All { get; }

    // The viewer's team ids, sorted; empty when All (which needs none).
    public IReadOnlyList<string> Teams { get; }

    public bool InNoTeam => !All && Teams.Count == 0;

    // The scopes of the budgets the viewer sees; null for all of them (BudgetStatusService.InScopesAsync).
    public IReadOnlySet<BudgetScope>? BudgetScopes => All ? null : Policy.Budgets.Where(b => SeesBudget(b.Scope)).Select(b => b.Scope).ToHashSet();

    // The ids of the policy budgets the viewer sees; null for all (the requests page's filter).
    public IReadOnlyList<string>? BudgetIds => All ? null : Policy.Budgets.Where(b => SeesBudget(b.Scope)).Select(b => b.Id).ToList();

    public static DashboardViewer Of(ClaimsPrincipal user, BudgetPolicy policy) => user.FindFirst(ViaClaim)?.Value switch
    {
        ViaToken => new DashboardViewer(policy, true, []),
        ViaGitHub when user.Identity?.Name is { Length: > 0 } login => ForGitHubLogin(login, policy),
        _ => new DashboardViewer(policy, false, []),
    };

    // Founders and leads through the policy's users map (login to Slack id); members by login, ignoring case.
    public static DashboardViewer ForGitHubLogin(string login, BudgetPolicy policy)
    {
        var slackId = policy.Users.GetValueOrDefault(login);
        if (slackId is not null && (policy.Founders.Contains(slackId) || policy.Teams.Values.Any(t => t.Leads.Contains(slackId))))
        {
            return new DashboardViewer(policy, true, []);
        }
        var teams = policy.Teams.Values.Where(t => t.Members.Contains(login, StringComparer.OrdinalIgnoreCase))
            .Select(t => t.Id).Order(StringComparer.Ordinal).ToList();
        return new DashboardViewer(policy, false, teams);
    }

    public bool SeesTeam(string? team) => All || (team is not null && Teams.Contains(team, StringComparer.Ordinal));

    // A team budget of their teams or a budget of a repository one of their teams owns; never org,
    // workflow or experiment budgets, which add up other teams' spend.
    public bool SeesBudget(BudgetScope scope) => All || SeesTeam(scope.OwningTeam(Policy));

    // A repository the current policy gives to one of their teams.
    public bool SeesRepo(string? repo) => All || (!string.IsNullOrEmpty(repo) && SeesTeam(Policy.ResolveTeam(repo)));

    // The spend question limited to the viewer's teams, whatever team filter it carries.
    public SpendSeriesQuery Narrow(SpendSeriesQuery query) => All ? query : query with { Teams = Teams };

    // Of these repositories, the ones the viewer sees; null (all) for the full view.
    public IReadOnlyList<string>? Repos(IEnumerable<string> known) => All ? null : known.Where(SeesRepo).ToList();
}
