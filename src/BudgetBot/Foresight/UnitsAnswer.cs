namespace BudgetBot.Foresight;

internal sealed record UnitsAnswer(string GroupBy, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UnitGroup> Groups);
