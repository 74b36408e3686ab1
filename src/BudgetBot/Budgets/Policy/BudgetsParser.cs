using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// budgets: [ { id, scope, amountUsd, period, thresholds, enforcement } ].
internal static class BudgetsParser
{
    private static readonly int[] DefaultThresholds = [50, 80, 100];

    public static List<BudgetDefinition> Parse(PolicyReader reader, YamlNode? node, IReadOnlyDictionary<string, TeamPolicy> teams)
    {
        var budgets = new List<BudgetDefinition>();
        if (node is null)
        {
            return budgets;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = reader.List(node, "budgets");
        for (var i = 0; i < items.Count; i++)
        {
            var section = reader.Section(items[i], $"budgets[{i}]", "id", "scope", "amountUsd", "period", "thresholds", "enforcement");
            var id = Id(reader, section, seen);
            var scope = reader.Required(section, "scope") is { } scopeNode ? Scope(reader, scopeNode, section.PathOf("scope"), teams) : null;
            var amount = reader.Required(section, "amountUsd") is { } amountNode
                ? reader.Decimal(amountNode, section.PathOf("amountUsd"), d => d > 0, "a positive number")
                : null;
            var period = reader.Required(section, "period") is { } periodNode ? PolicyCron.Read(reader, periodNode, section.PathOf("period")) : null;
            var thresholds = section["thresholds"] is { } t ? Thresholds(reader, t, section.PathOf("thresholds")) : DefaultThresholds;
            var enforcement = section["enforcement"] is { } e ? EnforcementOf(reader, e, section.PathOf("enforcement")) : Enforcement.Advisory;
            if (id is not null && scope is not null && amount is { } usd && period is { } p && thresholds is not null && enforcement is { } how)
            {
                budgets.Add(new BudgetDefinition(id, scope, usd, p.Cron, p.Text, thresholds, how));
            }
        }

        return budgets;
    }

    private static string? Id(PolicyReader reader, PolicySection section, Dictionary<string, int> seen)
    {
        if (reader.Required(section, "id") is not { } node || reader.Text(node, section.PathOf("id")) is not { } id)
        {
            return null;
        }

        if (!PolicyIds.Id().IsMatch(id))
        {
            reader.Error(node, $"{section.PathOf("id")} must be lowercase letters, digits, '-' or '_' (got \"{id}\")");
            return null;
        }

        if (seen.TryGetValue(id, out var line))
        {
            reader.Error(node, $"{section.PathOf("id")} \"{id}\" is already used on line {line}");
            return null;
        }

        seen[id] = checked((int)node.Start.Line);
        return id;
    }

    // "unassigned" is always a valid team scope: it budgets the repos no team claims.
    private static BudgetScope? Scope(PolicyReader reader, YamlNode node, string path, IReadOnlyDictionary<string, TeamPolicy> teams)
    {
        if (reader.Text(node, path) is not { } text)
        {
            return null;
        }

        var parsed = BudgetScope.TryParse(text, out var scope);
        string? problem = parsed ? scope.Kind switch
        {
            ScopeKind.Org => null,
            ScopeKind.Team when teams.ContainsKey(scope.Key) || scope.Key == BudgetPolicy.UnassignedTeam => null,
            ScopeKind.Team => $"names team \"{scope.Key}\", which is not defined under teams",
            ScopeKind.Repo when RepoPattern.IsValid(scope.Key) && !RepoPattern.IsGlob(scope.Key) => null,
            ScopeKind.Repo => $"must name one repository as repo:owner/name (got \"{text}\")",
            ScopeKind.Workflow when scope.Key.Trim().Length > 0 => null,
            ScopeKind.Experiment when PolicyIds.Id().IsMatch(scope.Key) => null,
            ScopeKind.Experiment => $"must be experiment:<id> with a lowercase id (got \"{text}\")",
            _ => Shape(text),
        } : Shape(text);
        if (problem is null)
        {
            return scope;
        }

        reader.Error(node, $"{path} {problem}");
        return null;
    }

    private static string Shape(string text) =>
        $"must be org, team:<id>, repo:<owner/name>, workflow:<name> or experiment:<id> (got \"{text}\")";

    private static int[]? Thresholds(PolicyReader reader, YamlNode node, string path)
    {
        var items = reader.List(node, path);
        if (node is YamlSequenceNode && items.Count == 0)
        {
            reader.Error(node, $"{path} must list at least one percentage; leave it out for [50, 80, 100]");
        }

        var result = new List<int>();
        var ok = items.Count > 0;
        for (var i = 0; i < items.Count; i++)
        {
            var value = reader.Int(items[i], $"{path}[{i}]", v => v is >= 1 and <= 1000, "a whole percentage from 1 to 1000");
            if (value is { } v && result.Count > 0 && v <= result[^1])
            {
                reader.Error(items[i], $"{path} must be strictly ascending ({v} follows {result[^1]})");
                value = null;
            }

            ok &= value is not null;
            if (value is { } accepted)
            {
                result.Add(accepted);
            }
        }

        return ok ? [.. result] : null;
    }

    private static Enforcement? EnforcementOf(PolicyReader reader, YamlNode node, string path)
    {
        Enforcement? how = reader.Text(node, path) switch
        {
            null => null,
            "advisory" => Enforcement.Advisory,
            "soft" => Enforcement.Soft,
            "hard" => Enforcement.Hard,
            var other => Invalid(reader, node, $"{path} must be advisory, soft or hard (got \"{other}\")"),
        };
        return how;
    }

    private static Enforcement? Invalid(PolicyReader reader, YamlNode node, string message)
    {
        reader.Error(node, message);
        return null;
    }
}
