
namespace BudgetBot.Budgets;

// Pure budget arithmetic (DESIGN §7): remaining = limit + granted − spent − reserved; warning past
// the first threshold; exceeded once spend reaches limit + granted; projection at the burn rate so
// far, with at least an hour elapsed so a period's first minutes do not project absurd sums.
internal static class BudgetCalculator
{
    public static BudgetStatus Status(ActiveBudget b, BudgetFigures f, DateTimeOffset now)
    {
        var limit = Money.ToMicros(b.AmountUsd);
        // Saturating: a stored total near long's range must still give a status, not an overflow.
        var available = Money.Saturate((decimal)limit + f.GrantedMicros);
        var remaining = Money.Saturate((decimal)available - f.SpentMicros - f.ReservedMicros);
        var percent = available <= 0 ? 100m : Math.Round(f.SpentMicros * 100m / available, 1, MidpointRounding.AwayFromZero);
        var state = f.SpentMicros >= available ? BudgetState.Exceeded
            : b.Thresholds.Count > 0 && percent >= b.Thresholds[0] ? BudgetState.Warning
            : BudgetState.Ok;
        return new BudgetStatus(
            b.Id, b.Scope, b.Enforcement, b.Period.Start, b.Period.End, b.Period.End,
            Money.FromMicros(limit), Money.FromMicros(f.GrantedMicros), Money.FromMicros(f.SpentMicros),
            Money.FromMicros(f.ReservedMicros), Money.FromMicros(remaining), percent,
            Money.FromMicros(Projected(f.SpentMicros, b.Period, now)), state, f.UnpricedEvents, b.Thresholds);
    }

    public static long Projected(long spentMicros, BudgetPeriod period, DateTimeOffset now)
    {
        var length = (period.End - period.Start).Ticks;
        var elapsed = Math.Max((now - period.Start).Ticks, TimeSpan.TicksPerHour);
        if (elapsed >= length)
        {
            return spentMicros;
        }
        // Past any real spend, scale by the ratio first so the decimal product cannot overflow.
        var projected = Math.Abs(spentMicros) < 1_000_000_000_000_000
            ? (decimal)spentMicros * length / elapsed
            : spentMicros * ((decimal)length / elapsed);
        return Money.Saturate(Math.Round(projected, MidpointRounding.AwayFromZero));
    }
}
