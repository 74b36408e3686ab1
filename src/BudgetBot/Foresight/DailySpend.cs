namespace BudgetBot.Foresight;

// What a scope spent on one UTC day, in micro-dollars.
internal readonly record struct DailySpend(DateOnly Day, long Micros);
