using BudgetBot.Budgets;
using BudgetBot.Usage;

namespace BudgetBot.Routing;

// One workflow's model mix over a window and, under a routing rule, what the same tokens would have cost
// on each cheaper preferred model of the same maker. FrontierShare is the share of dollars on models
// outside the rule's prefer list (null without a rule).
internal sealed record WorkflowRouting(
    string Workflow,
    decimal CostUsd,
    long Tokens,
    IReadOnlyList<string>? Prefer,
    decimal? FrontierShare,
    decimal? MaxFrontierShare,
    IReadOnlyList<ModelShare> Models,
    IReadOnlyList<RoutingWhatIf> WhatIfs)
{
    public RoutingWhatIf? Best => WhatIfs.Count == 0 ? null : WhatIfs[0];
}

internal sealed record ModelShare(string Model, long Tokens, decimal CostUsd, decimal TokenShare, decimal CostShare);

// Replaces: the models whose spend the what-if moves to Model; ActualUsd is what that spend cost.
internal sealed record RoutingWhatIf(string Model, IReadOnlyList<string> Replaces, decimal ActualUsd, decimal WhatIfUsd, decimal SavingUsd);

// Pure: rollup rows, the policy and the catalog in, advice out. Each hour's tokens are priced at the
// price in force in that hour, with the policy's override and the serving provider's discount, at
// base (not long-context) rates as ingestion prices aggregates. Only models of the preferred model's
// maker move ("same provider"): a Claude workflow is never priced on GPT. Unpriced rows stay out.
internal static class RoutingAdvisor
{
    public static IReadOnlyList<WorkflowRouting> Of(IEnumerable<MixRow> rows, BudgetPolicy policy, PriceCatalog catalog) =>
        rows.GroupBy(r => r.Workflow, StringComparer.Ordinal)
            .Select(g => Workflow(g.Key, g.ToList(), policy, catalog))
            .OrderByDescending(w => w.Best?.SavingUsd ?? 0).ThenByDescending(w => w.CostUsd).ThenBy(w => w.Workflow, StringComparer.Ordinal)
            .ToList();

    private static WorkflowRouting Workflow(string workflow, List<MixRow> rows, BudgetPolicy policy, PriceCatalog catalog)
    {
        var totalCost = rows.Sum(r => r.CostMicros);
        var totalTokens = rows.Sum(r => r.Tokens);
        var models = rows.GroupBy(r => r.Model, StringComparer.Ordinal)
            .Select(m => (Model: m.Key, Tokens: m.Sum(r => r.Tokens), Cost: m.Sum(r => r.CostMicros)))
            .OrderByDescending(m => m.Cost).ThenBy(m => m.Model, StringComparer.Ordinal)
            .Select(m => new ModelShare(m.Model, m.Tokens, Money.FromMicros(m.Cost), Share(m.Tokens, totalTokens), Share(m.Cost, totalCost)))
            .ToList();
        if (policy.RoutingFor(workflow) is not { } rule)
        {
            return new WorkflowRouting(workflow, Money.FromMicros(totalCost), totalTokens, null, null, null, models, []);
        }
        var preferred = rule.Prefer.Select(p => catalog.Resolve(p)?.CanonicalModel ?? p).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var frontier = rows.Where(r => !preferred.Contains(r.Model)).Sum(r => r.CostMicros);
        var whatIfs = preferred.Select(p => WhatIf(p, rows, preferred, policy, catalog)).OfType<RoutingWhatIf>()
            .OrderByDescending(w => w.SavingUsd).ThenBy(w => w.Model, StringComparer.Ordinal).ToList();
        return new WorkflowRouting(workflow, Money.FromMicros(totalCost), totalTokens, rule.Prefer, Share(frontier, totalCost), rule.MaxFrontierShare, models, whatIfs);
    }

    private static RoutingWhatIf? WhatIf(string model, List<MixRow> rows, HashSet<string> preferred, BudgetPolicy policy, PriceCatalog catalog)
    {
        var maker = Maker(model, catalog);
        if (maker is null)
        {
            return null;
        }
        long actual = 0;
        var whatIf = 0m;
        var replaces = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in rows.Where(r => r.Unpriced == 0 && !preferred.Contains(r.Model) && Maker(r.Model, catalog) == maker))
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(r.HourMs);
            if (UsagePricer.Rate(model, r.Provider.Length == 0 ? null : r.Provider, at, catalog, policy) is not { } rate)
            {
                continue;
            }
            var tokens = new TokenCounts(r.Input, r.Output, r.CacheRead, r.CacheWrite5m, r.CacheWrite1h);
            whatIf += CostCalculator.Calculate(tokens, rate.Price, 0m, batch: false, tier: ContextTier.Base) * (1 - rate.Discount);
            actual += r.CostMicros;
            replaces.Add(r.Model);
        }
        var whatIfMicros = Money.ToMicros(whatIf);
        return replaces.Count > 0 && whatIfMicros < actual
            ? new RoutingWhatIf(model, [.. replaces], Money.FromMicros(actual), Money.FromMicros(whatIfMicros), Money.FromMicros(actual - whatIfMicros))
            : null;
    }

    // The vendor that owns the model's name (anthropic for claude-*, openai for gpt-*).
    private static string? Maker(string model, PriceCatalog catalog) => catalog.Resolve(model)?.Vendor;

    private static decimal Share(long part, long whole) =>
        whole <= 0 ? 0m : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
