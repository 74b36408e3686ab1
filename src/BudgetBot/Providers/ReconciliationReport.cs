using BudgetBot.Pricing;

namespace BudgetBot.Providers;

// Pure: stored reconciliation rows to the report's JSON shape, per account and per provider and day.
// The effective rate is what was billed per million tokens of every class; the gap to list is billed
// minus the catalog price of the same tokens (negative: a discount; positive: charges the catalog
// does not model, such as web search).
internal static class ReconciliationReport
{
    public static object Build(DateOnly from, DateOnly to, IReadOnlyList<ReconciliationRow> rows) => new
    {
        from,
        to,
        rows = rows.Select(r => Figures(r.Provider, r.DayMs, r.Account, r.Team, r.ReportedMicros, r.BilledMicros, r.RemainderMicros, r.Tokens, r.ListMicros)),
        totals = rows.GroupBy(r => (r.Provider, r.DayMs)).Select(g => Figures(
            g.Key.Provider, g.Key.DayMs, null, null, g.Sum(r => r.ReportedMicros), g.Sum(r => r.BilledMicros), g.Sum(r => r.RemainderMicros),
            g.Sum(r => r.Tokens), g.Sum(r => r.ListMicros))),
    };

    private static object Figures(string provider, long dayMs, string? account, string? team, long reported, long billed, long remainder, long tokens, long list) => new
    {
        provider,
        day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(dayMs).UtcDateTime),
        account,
        accountKind = provider == "openai" ? "project" : "workspace",
        team,
        reportedUsd = Money.FromMicros(reported),
        billedUsd = Money.FromMicros(billed),
        remainderUsd = Money.FromMicros(remainder),
        tokens,
        effectiveUsdPerMTok = tokens > 0 ? decimal.Round(Money.FromMicros(billed) * 1_000_000m / tokens, 4) : (decimal?)null,
        listUsd = Money.FromMicros(list),
        gapToListUsd = Money.FromMicros(billed - list),
    };
}
