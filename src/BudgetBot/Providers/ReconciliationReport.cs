using BudgetBot.Budgets;

namespace BudgetBot.Providers;

// Pure: stored reconciliation rows to the report's JSON shape, per account and per provider and day.
// The effective rate is what was billed per million tokens of every class; the gap to list is billed
// minus the catalog price of the same tokens (negative: a discount; positive: charges the catalog
// does not model, such as web search).
internal sealed record ReconciliationReport(DateOnly From, DateOnly To, IReadOnlyList<ReconciliationFigures> Rows, IReadOnlyList<ReconciliationFigures> Totals)
{
    public static ReconciliationReport Build(DateOnly from, DateOnly to, IReadOnlyList<ReconciliationRow> rows) => new(
        from,
        to,
        [.. rows.Select(r => Figures(r.Provider, r.DayMs, r.Account, r.Team, r.ReportedMicros, r.BilledMicros, r.RemainderMicros, r.Tokens, r.ListMicros))],
        [.. rows.GroupBy(r => (r.Provider, r.DayMs)).Select(g => Figures(
            g.Key.Provider, g.Key.DayMs, null, null, g.Sum(r => r.ReportedMicros), g.Sum(r => r.BilledMicros), g.Sum(r => r.RemainderMicros),
            g.Sum(r => r.Tokens), g.Sum(r => r.ListMicros)))]);

    private static ReconciliationFigures Figures(string provider, long dayMs, string? account, string? team, long reported, long billed, long remainder, long tokens, long list) => new(
        provider,
        DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(dayMs).UtcDateTime),
        account,
        provider == "openai" ? "project" : "workspace",
        team,
        Money.FromMicros(reported),
        Money.FromMicros(billed),
        Money.FromMicros(remainder),
        tokens,
        tokens > 0 ? decimal.Round(Money.FromMicros(billed) * 1_000_000m / tokens, 4) : null,
        Money.FromMicros(list),
        Money.FromMicros(billed - list));
}

// One row of the report: an account's day, or (account and team null) a provider's day in total.
internal sealed record ReconciliationFigures(
    string Provider,
    DateOnly Day,
    string? Account,
    string AccountKind,
    string? Team,
    decimal ReportedUsd,
    decimal BilledUsd,
    decimal RemainderUsd,
    long Tokens,
    decimal? EffectiveUsdPerMTok,
    decimal ListUsd,
    decimal GapToListUsd);
