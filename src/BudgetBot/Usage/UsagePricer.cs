using BudgetBot.Budgets;

namespace BudgetBot.Usage;

// Pure: prices an event and resolves its team (DESIGN §6, §8). An event is one aggregate of
// requests (a run, a session, a day), so no per-request long-context tier is applied to it. The
// price is the one in force when the event occurred; an id the catalog does not know keeps its
// raw name as its model and stays unpriced.
internal static class UsagePricer
{
    public static PricedUsage Price(UsageEvent e, PriceCatalog catalog, BudgetPolicy policy)
    {
        var team = e.Team ?? policy.ResolveTeam(e.Repo);
        long? reported = e.CostUsd is { } c ? Money.ToMicros(c) : null;
        long? list = null;
        long? discounted = null;
        var resolved = catalog.Resolve(e.Model, e.Provider, e.Source, e.OccurredAt);
        var canonical = resolved?.CanonicalModel ?? e.Model;
        if (RateOf(resolved, canonical, e.Provider, policy) is { } rate)
        {
            var tokens = new TokenCounts(e.InputTokens, e.OutputTokens, e.CacheReadTokens, e.CacheWrite5mTokens, e.CacheWrite1hTokens);
            var listUsd = CostCalculator.Calculate(tokens, rate.Price, 0m, batch: false, tier: ContextTier.Base);
            list = Money.ToMicros(listUsd);
            discounted = Money.ToMicros(listUsd * (1 - rate.Discount));
        }
        var cost = reported ?? discounted;
        return new PricedUsage(e, team, cost ?? 0, reported, list, Unpriced: cost is null)
        {
            CanonicalModel = canonical,
            InferredProvider = resolved?.Vendor,
        };
    }

    // The price a model would be charged at, served by provider at a time, with the policy's override
    // and the provider's discount: the same rates Price uses, for what-ifs (routing advice).
    public static (ModelPrice Price, decimal Discount)? Rate(string model, string? provider, DateTimeOffset at, PriceCatalog catalog, BudgetPolicy policy)
    {
        var resolved = catalog.Resolve(model, provider, null, at);
        return RateOf(resolved, resolved?.CanonicalModel ?? model, provider, policy);
    }

    // An override is the price as charged (no discount on top); a catalog price is less the discount of
    // whoever served it.
    private static (ModelPrice Price, decimal Discount)? RateOf(PriceResolution? resolved, string canonical, string? provider, BudgetPolicy policy)
    {
        if (policy.Pricing.Overrides.TryGetValue(canonical, out var over))
        {
            return Apply(over, resolved?.Price, canonical) is { } own ? (own, 0m) : null;
        }
        return resolved is not null ? (resolved.Price, policy.DiscountFor(provider ?? resolved.Vendor)) : null;
    }

    // A policy override on top of the catalog's price; for a model the catalog does not know, input
    // and output must both be set (cache classes then bill at input, reads at input too).
    private static ModelPrice? Apply(PriceOverride o, ModelPrice? catalog, string model) =>
        catalog is not null
            ? catalog with
            {
                Input = o.Input ?? catalog.Input, Output = o.Output ?? catalog.Output, CacheRead = o.CacheRead ?? catalog.CacheRead,
                CacheWrite5m = o.CacheWrite5m ?? catalog.CacheWrite5m, CacheWrite1h = o.CacheWrite1h ?? catalog.CacheWrite1h, LongContext = null,
            }
            : o is { Input: { } input, Output: { } output }
                ? new ModelPrice(model, "policy", input, output, o.CacheRead ?? input, o.CacheWrite5m, o.CacheWrite1h, null, 0m)
                : null;
}
