using Cronos;

namespace BudgetBot.Budgets;

// The parsed policy file (DESIGN §4). Immutable: a reload builds a new one and swaps it whole.
internal sealed record BudgetPolicy(
    TimeZoneInfo TimeZone,
    IReadOnlyDictionary<string, TeamPolicy> Teams,
    IReadOnlyList<BudgetDefinition> Budgets,
    IReadOnlyList<ApprovalTier> Approvals,
    IReadOnlyList<string> Founders,
    ExperimentLimits Experiments,
    AlertSettings Alerts,
    CronExpression? Digest,
    string? DigestText,
    PricingSettings Pricing,
    PrCommentSettings PrComments,
    IReadOnlyDictionary<string, string> Users)
{
    public const string UnassignedTeam = "unassigned";

    // An init property rather than a positional one, so existing constructions keep compiling.
    public ProviderMappings Providers { get; init; } = ProviderMappings.Empty;

    public RequestSettings Requests { get; init; } = RequestSettings.Default;

    public EstimateSettings Estimates { get; init; } = EstimateSettings.Default;

    public IReadOnlyList<RoutingRule> Routing { get; init; } = [];

    // The first rule whose workflow pattern matches, as written in the file.
    public RoutingRule? RoutingFor(string? workflow) => Routing.FirstOrDefault(r => r.Matches(workflow));

    public AnomalySettings Anomalies { get; init; } = AnomalySettings.Default;

    // Users maps GitHub logins to Slack users (from users: and people:); this is the way back.
    public string? GitHubLoginOf(string slackUser) =>
        Users.FirstOrDefault(u => string.Equals(u.Value, slackUser, StringComparison.Ordinal)).Key;

    // For tests and tools that need a policy without a file; the service itself never runs on it.
    public static BudgetPolicy Empty { get; } = new(
        TimeZoneInfo.Utc,
        new Dictionary<string, TeamPolicy>(StringComparer.Ordinal),
        [],
        [],
        [],
        ExperimentLimits.Default,
        AlertSettings.Default,
        null,
        null,
        PricingSettings.Default,
        PrCommentSettings.Default,
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    // An exact pattern beats any glob; among globs the longest (most specific) wins and ties go to the
    // smaller team id, so the answer never depends on the order teams are written in.
    public string ResolveTeam(string? repo)
    {
        if (string.IsNullOrEmpty(repo))
        {
            return UnassignedTeam;
        }

        string? best = null;
        var bestRank = -1;
        foreach (var team in Teams.Values)
        {
            foreach (var pattern in team.Repos)
            {
                if (!RepoPattern.Matches(pattern, repo))
                {
                    continue;
                }

                var rank = RepoPattern.IsGlob(pattern) ? pattern.Length : int.MaxValue;
                if (rank > bestRank || (rank == bestRank && string.CompareOrdinal(team.Id, best) < 0))
                {
                    (best, bestRank) = (team.Id, rank);
                }
            }
        }

        return best ?? UnassignedTeam;
    }

    public BudgetDefinition? FindBudget(string id)
    {
        foreach (var budget in Budgets)
        {
            if (string.Equals(budget.Id, id, StringComparison.Ordinal))
            {
                return budget;
            }
        }

        return null;
    }

    public decimal DiscountFor(string? provider) =>
        provider is not null && Pricing.Discounts.TryGetValue(provider, out var discount) ? discount : 0m;
}

// Repos are exact "owner/name" or globs with '*' (never crossing the '/'), compared case-insensitively
// because GitHub names are.
// Members: GitHub logins (not Slack ids: they sign in to the dashboard with GitHub) who see this team's figures.
internal sealed record TeamPolicy(string Id, IReadOnlyList<string> Repos, string? SlackChannel, IReadOnlyList<string> Leads, IReadOnlyList<string> Members);

// Approvers are the words "leads" (the team's leads) and "founders", or Slack user ids.
internal sealed record ApprovalTier(decimal UpToUsd, IReadOnlyList<string> Approvers)
{
    public const string Leads = "leads";
    public const string Founders = "founders";
}

internal sealed record ExperimentLimits(decimal MaxUsd, int MaxDays)
{
    public static ExperimentLimits Default { get; } = new(2000m, 14);
}

// A null RunawayUsdPerHour turns runaway alerts off; threshold alerts are per budget. Channel takes
// the alerts of budgets no team owns (org, workflow, experiment, a repo of no team), which would
// otherwise reach nobody: the hard workflow budget that blocks runs is exactly one of those.
internal sealed record AlertSettings(decimal? RunawayUsdPerHour, string? Channel = null)
{
    public static AlertSettings Default { get; } = new((decimal?)null);
}

// How the sticky PR comment is refreshed; spelled update | hide-and-new | new | off in the file.
internal enum PrCommentMode
{
    Update,
    HideAndNew,
    New,
    Off,
}

internal sealed record PrCommentSettings(PrCommentMode Mode, decimal MinChangeUsd, int DebounceSeconds)
{
    public static PrCommentSettings Default { get; } = new(PrCommentMode.Update, 0.50m, 30);
}

// requests.defaultUsd: what the check run's "Request more budget" button asks for. Without it the
// check carries no button (a button must not ask for an amount nobody chose).
internal sealed record RequestSettings(decimal? DefaultUsd)
{
    public static RequestSettings Default { get; } = new((decimal?)null);
}

// estimates: how pre-flight learns a run's cost from history. Percentile is 50, 90 or 99 (p50/p90/p99
// in the file); MinRuns is how much history a figure needs before pre-flight trusts it.
internal sealed record EstimateSettings(int WindowDays, int Percentile, int MinRuns)
{
    public static EstimateSettings Default { get; } = new(30, 90, 5);
}
