using System.Globalization;
using BudgetBot.Budgets;
using static BudgetBot.GitHub.Markdown;

namespace BudgetBot.GitHub;

// The one routing line of the PR comment: a workflow of this PR spent more than its routing rule's
// maxFrontierShare of its dollars on models outside the rule's prefer list. With several, the one
// furthest over its share speaks. Pure; BudgetBot only advises, it never changes a model.
internal sealed record PrRoutingNote(string Workflow, long FrontierMicros, long WorkflowMicros, decimal Share, decimal MaxShare, IReadOnlyList<string> Prefer)
{
    public static PrRoutingNote? Of(IReadOnlyList<PrUsageRow> rows, BudgetPolicy policy) =>
        rows.Where(r => r.Workflow is not null).GroupBy(r => r.Workflow!, StringComparer.Ordinal)
            .Select(g => Note(g.Key, g.ToList(), policy.RoutingFor(g.Key)))
            .OfType<PrRoutingNote>()
            .OrderByDescending(n => n.Share - n.MaxShare).ThenBy(n => n.Workflow, StringComparer.Ordinal)
            .FirstOrDefault();

    private static PrRoutingNote? Note(string workflow, List<PrUsageRow> rows, RoutingRule? rule)
    {
        var total = rows.Sum(r => r.CostMicros);
        if (rule is not { MaxFrontierShare: { } max } || total <= 0)
        {
            return null;
        }
        var frontier = rows.Where(r => !rule.IsPreferred(r.Model)).Sum(r => r.CostMicros);
        var share = (decimal)frontier / total;
        return share > max ? new PrRoutingNote(workflow, frontier, total, share, max, rule.Prefer) : null;
    }

    public string Render() => string.Create(CultureInfo.InvariantCulture,
        $"> **Routing:** {Code(Workflow)} spent {Percent(Share)} of its {Usd(WorkflowMicros)} on this PR ({Usd(FrontierMicros)}) " +
        $"outside its preferred models; the policy allows {Percent(MaxShare)} and prefers {string.Join(", ", Prefer.Select(Cell))}.");
}
