namespace BudgetBot.Foresight;

// Where a budget's period is heading: the spend at its end and, if that passes the limit, when.
internal sealed record BudgetForecast(long ForecastMicros, DateTimeOffset? ExhaustsAt);
