namespace BudgetBot.Usage;

// One genai-prices conditional price: from a date on, or within a daily UTC time window (off-peak
// prices). A period without a constraint always applies.
internal sealed record PricePeriod(DateOnly? From, TimeOnly? DailyStart, TimeOnly? DailyEnd, ModelPrice? Price)
{
    public bool IsActive(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        if (From is { } from && DateOnly.FromDateTime(utc) < from)
        {
            return false;
        }
        return DailyStart is not { } start || DailyEnd is not { } end || (TimeOnly.FromDateTime(utc) >= start && TimeOnly.FromDateTime(utc) < end);
    }
}
