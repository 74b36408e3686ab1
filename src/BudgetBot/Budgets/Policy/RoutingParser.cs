using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// One routing rule: workflows matching Workflow (a name, '*' matching any run of characters) may run on
// the Prefer models, cheapest first in the author's eyes. MaxFrontierShare (0..1) is the share of a
// PR's spend by the workflow that may go to other models before the PR comment says so; null never
// says. SuggestAtPercent is how far a soft budget of the run's scope must be used before pre-flight
// answers suggestedModel (docs/decisions/routing-advice.md).
internal sealed record RoutingRule(string Workflow, IReadOnlyList<string> Prefer, decimal? MaxFrontierShare, int SuggestAtPercent)
{
    public const int DefaultSuggestAtPercent = 80;

    public bool Matches(string? workflow) => workflow is not null && Glob(Workflow, workflow);

    public bool IsPreferred(string model) => Prefer.Contains(model, StringComparer.OrdinalIgnoreCase);

    // The first prefer model once a soft budget the run draws on is at or past SuggestAtPercent.
    public string? Suggest(IEnumerable<BudgetStatus> statuses) =>
        Prefer.Count > 0 && statuses.Any(s => s.Enforcement == Enforcement.Soft && s.PercentUsed >= SuggestAtPercent) ? Prefer[0] : null;

    private static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
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
}

// routing: [{workflow, prefer: [models], maxFrontierShare: 0..1, suggestAtPercent: 1..100}]. knownModel,
// when given (`policy check` passes the price catalog), refuses a prefer model the catalog cannot price.
internal static class RoutingParser
{
    public static IReadOnlyList<RoutingRule> Parse(PolicyReader reader, YamlNode? node, Func<string, bool>? knownModel)
    {
        if (node is null)
        {
            return [];
        }
        var rules = new List<RoutingRule>();
        var items = reader.List(node, "routing");
        for (var i = 0; i < items.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"routing[{i}]");
            var section = reader.Section(items[i], path, "workflow", "prefer", "maxFrontierShare", "suggestAtPercent");
            var workflow = reader.Required(section, "workflow") is { } w ? reader.Text(w, section.PathOf("workflow")) : null;
            var prefer = reader.Required(section, "prefer") is { } p ? Models(reader, p, section.PathOf("prefer"), knownModel) : null;
            var share = section["maxFrontierShare"] is { } s
                ? reader.Decimal(s, section.PathOf("maxFrontierShare"), d => d is >= 0 and <= 1, "a share from 0 to 1, e.g. 0.5")
                : null;
            var suggest = section["suggestAtPercent"] is { } a
                ? reader.Int(a, section.PathOf("suggestAtPercent"), d => d is >= 1 and <= 100, "a whole percent from 1 to 100")
                : null;
            if (workflow is not null && prefer is not null)
            {
                rules.Add(new RoutingRule(workflow, prefer, share, suggest ?? RoutingRule.DefaultSuggestAtPercent));
            }
        }
        return rules;
    }

    private static List<string>? Models(PolicyReader reader, YamlNode node, string path, Func<string, bool>? knownModel)
    {
        var models = new List<string>();
        var items = reader.List(node, path);
        if (node is YamlSequenceNode && items.Count == 0)
        {
            reader.Error(node, $"{path} must name at least one model");
        }
        for (var i = 0; i < items.Count; i++)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (reader.Text(items[i], where) is not { } model)
            {
                continue;
            }
            if (knownModel is not null && !knownModel(model))
            {
                reader.Error(items[i], $"{where} \"{model}\" is not a model the price catalog knows (see `budgetbot pricing show MODEL`)");
                continue;
            }
            models.Add(model);
        }
        return items.Count == 0 ? null : models;
    }
}
