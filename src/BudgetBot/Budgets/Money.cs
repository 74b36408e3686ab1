namespace BudgetBot.Budgets;

// Money is stored as whole micro-dollars (BIGINT); conversion happens once, at the edge of storage,
// so the calculator itself never rounds.
internal static class Money
{
    private const decimal MicrosPerDollar = 1_000_000m;

    // Away from zero, not banker's rounding: half a micro-dollar of spend should not vanish.
    public static long ToMicros(decimal usd) =>
        decimal.ToInt64(decimal.Round(usd * MicrosPerDollar, 0, MidpointRounding.AwayFromZero));

    public static decimal FromMicros(long micros) => micros / MicrosPerDollar;

    // Whole micro-dollars, clamped to the BIGINT range.
    public static long Saturate(decimal micros) => decimal.ToInt64(Math.Clamp(decimal.Truncate(micros), long.MinValue + 1, long.MaxValue));
}
