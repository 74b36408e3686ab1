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
