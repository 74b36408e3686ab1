namespace BudgetBot.Preflight;

internal sealed class PreflightOptions
{
    // A run that never reports must not hold money for ever.
    public int ReservationTtlMinutes { get; set; } = 120;
}
