using BudgetBot.Budgets;
using BudgetBot.Usage;

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
            var bills = billed.Keys.Union(usage.Select(u => u.Account), StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(account =>
            {
                var rows = usage.Where(u => u.Account == account).Select(u => (u, List: ListUsd(u, report.Provider, catalog))).ToList();
                var model = rows.OrderByDescending(r => r.List).Select(r => Canonical(r.u.Model, report.Provider, catalog)).FirstOrDefault() ?? RemainderModel;
                return new AccountBill(account, billed.GetValueOrDefault(account), model, rows.Sum(r => r.u.Tokens.Total), Money.ToMicros(rows.Sum(r => r.List)));
            }).ToList();
            lines.AddRange(PlanDay(report.Provider, day, bills, reported, policy, catalog));
        }
        return lines;
    }

    // One provider-day: the day's reported spend shared among its accounts, each remainder being
    // bill − share. Also run when usage for a billed day arrives after the poll, so the day's total
    // stays equal to the bill instead of counting the late usage on top of it.
    public static IReadOnlyList<ReconciliationLine> PlanDay(
        string provider, DateOnly day, IReadOnlyList<AccountBill> bills, IReadOnlyList<ReportedSpend> reported, BudgetPolicy policy, PriceCatalog catalog)
    {
        var teams = bills.Select(b => TeamOf(provider, b.Account, policy)).ToList();
        var weights = bills.Select(b => b.BilledMicros).ToList();
        var share = new long[bills.Count];
        var dayMs = DayMs(day);
        var byTeam = reported.Where(r => r.DayMs == dayMs && IsProvider(r, provider, catalog))
            .GroupBy(r => r.Team, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.CostMicros), StringComparer.Ordinal);
        long orphaned = 0;
        foreach (var (team, micros) in byTeam)
        {
            var members = Enumerable.Range(0, bills.Count).Where(i => teams[i].Team == team).ToList();
            if (members.Count == 0)
            {
                orphaned += micros;
                continue;
            }
            Add(share, members, Allocation.Split(micros, [.. members.Select(i => weights[i])]));
        }
        Add(share, Enumerable.Range(0, bills.Count).ToList(), Allocation.Split(orphaned, weights));
        return [.. bills.Select((b, i) => new ReconciliationLine(
            provider, day, b.Account, teams[i].Team, teams[i].Repo, b.Model, share[i], b.BilledMicros, b.Tokens, b.ListMicros))];
    }

    private static string Canonical(string model, string provider, PriceCatalog catalog) =>
        catalog.Resolve(model, provider)?.CanonicalModel ?? model;

    public const string RemainderModel = "(provider remainder)";

    public static long DayMs(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static (string Team, string? Repo) TeamOf(string provider, string account, BudgetPolicy policy) =>
        policy.Providers.Find(provider, account) is { } target ? (target.ResolveTeam(policy), target.Repo) : (BudgetPolicy.UnassignedTeam, null);

    private static bool IsProvider(ReportedSpend r, string provider, PriceCatalog catalog) =>
        string.Equals(r.Provider ?? catalog.Resolve(r.Model)?.Vendor, provider, StringComparison.OrdinalIgnoreCase);

    // Web search and other non-token charges are not in the catalog, so list covers tokens only.
    private static decimal ListUsd(ProviderUsage u, string provider, PriceCatalog catalog) =>
        catalog.Resolve(u.Model, provider) is { Price: var price }
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

// What one provider account was billed on one UTC day, with the usage-report figures that go with
// it. Built from a fresh report at poll time, or from the stored reconciliation when usage for an
// already-billed day arrives late.
internal sealed record AccountBill(string Account, long BilledMicros, string Model, long Tokens, long ListMicros);
