using BudgetBot.Policy;
using BudgetBot.Pricing;

namespace BudgetBot.Providers;

// Pure: the bill against what agents reported, per UTC day and provider account (DESIGN §6, issue 5).
// Reported spend is matched to accounts by team: a team's reported spend is shared among the accounts
// mapped to it in proportion to their bills, and spend of a team no account maps to is shared among
// all of the day's accounts. So the remainders of a day always add up to bill − reported, and the
// org total for the day equals the bill. Only days the cost report covers are reconciled: a day whose
// bill is not out yet would otherwise book every reported dollar as a negative remainder.
internal static class ReconciliationPlanner
{
    public static IReadOnlyList<ReconciliationLine> Plan(
        ProviderReport report, IReadOnlyList<ReportedSpend> reported, BudgetPolicy policy, PriceCatalog catalog)
    {
        var lines = new List<ReconciliationLine>();
        foreach (var day in report.Costs.Select(c => c.Day).Distinct().Order())
        {
            var billed = report.Costs.Where(c => c.Day == day).GroupBy(c => c.Account, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Money.ToMicros(g.Sum(c => c.AmountUsd)), StringComparer.Ordinal);
            var usage = report.Usage.Where(u => u.Day == day).ToList();
            var accounts = billed.Keys.Union(usage.Select(u => u.Account), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var teams = accounts.ToDictionary(a => a, a => TeamOf(report.Provider, a, policy), StringComparer.Ordinal);
            var weights = accounts.Select(a => billed.GetValueOrDefault(a)).ToList();
            var share = new long[accounts.Count];

            var dayMs = DayMs(day);
            var byTeam = reported.Where(r => r.DayMs == dayMs && IsProvider(r, report.Provider, catalog))
                .GroupBy(r => r.Team, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.CostMicros), StringComparer.Ordinal);
            long orphaned = 0;
            foreach (var (team, micros) in byTeam)
            {
                var members = Enumerable.Range(0, accounts.Count).Where(i => teams[accounts[i]].Team == team).ToList();
                if (members.Count == 0)
                {
                    orphaned += micros;
                    continue;
                }
                Add(share, members, Allocation.Split(micros, [.. members.Select(i => weights[i])]));
            }
            Add(share, Enumerable.Range(0, accounts.Count).ToList(), Allocation.Split(orphaned, weights));

            for (var i = 0; i < accounts.Count; i++)
            {
                var rows = usage.Where(u => u.Account == accounts[i]).Select(u => (u, List: ListUsd(u, catalog))).ToList();
                var model = rows.OrderByDescending(r => r.List).Select(r => r.u.Model).FirstOrDefault() ?? RemainderModel;
                lines.Add(new ReconciliationLine(
                    report.Provider, day, accounts[i], teams[accounts[i]].Team, teams[accounts[i]].Repo, model,
                    share[i], weights[i], rows.Sum(r => r.u.Tokens.Total), Money.ToMicros(rows.Sum(r => r.List))));
            }
        }
        return lines;
    }

    public const string RemainderModel = "(provider remainder)";

    public static long DayMs(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static (string Team, string? Repo) TeamOf(string provider, string account, BudgetPolicy policy) =>
        policy.Providers.Find(provider, account) is { } target ? (target.ResolveTeam(policy), target.Repo) : (BudgetPolicy.UnassignedTeam, null);

    private static bool IsProvider(ReportedSpend r, string provider, PriceCatalog catalog) =>
        string.Equals(r.Provider ?? (catalog.TryGet(r.Model, out var price) ? price.Provider : null), provider, StringComparison.OrdinalIgnoreCase);

    // Web search and other non-token charges are not in the catalog, so list covers tokens only.
    private static decimal ListUsd(ProviderUsage u, PriceCatalog catalog) =>
        catalog.TryGet(u.Model, out var price)
            ? CostCalculator.Calculate(u.Tokens, price, 0m, u.Batch, u.LongContext ? ContextTier.Long : ContextTier.Base)
            : 0m;

    private static void Add(long[] share, List<int> members, long[] parts)
    {
        for (var k = 0; k < members.Count; k++)
        {
            share[members[k]] += parts[k];
        }
    }
}
