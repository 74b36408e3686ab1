using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// anomalies: when a run or a workflow's day is unusual against its own history (Alerts/AnomalyAlerts).
// RunK: a run alerts above its workflow's p99 and more than RunK x MAD above the median; MinRuns:
// finished runs the baseline needs first; DailyJumpFactor: a workflow's day alerts above this times
// the median of its trailing BaselineDays days; BaselineDays: the window of both baselines.
internal sealed record AnomalySettings(decimal RunK, int MinRuns, decimal DailyJumpFactor, int BaselineDays)
{
    public static AnomalySettings Default { get; } = new(5, 20, 3, 14);
}

// anomalies: { runK: 1..100, minRuns: 5..10000, dailyJumpFactor: 1.5..100, baselineDays: 3..90 };
// each key left out takes its default.
internal static class AnomaliesParser
{
    public static AnomalySettings Parse(PolicyReader reader, YamlNode? node)
    {
        var defaults = AnomalySettings.Default;
        if (node is null)
        {
            return defaults;
        }

        var section = reader.Section(node, "anomalies", "runK", "minRuns", "dailyJumpFactor", "baselineDays");
        var k = section["runK"] is { } kNode
            ? reader.Decimal(kNode, section.PathOf("runK"), v => v is >= 1 and <= 100, "a number from 1 to 100")
            : null;
        var minRuns = section["minRuns"] is { } m
            ? reader.Int(m, section.PathOf("minRuns"), v => v is >= 5 and <= 10_000, "a whole number from 5 to 10000")
            : null;
        var factor = section["dailyJumpFactor"] is { } f
            ? reader.Decimal(f, section.PathOf("dailyJumpFactor"), v => v is >= 1.5m and <= 100, "a number from 1.5 to 100")
            : null;
        var days = section["baselineDays"] is { } d
            ? reader.Int(d, section.PathOf("baselineDays"), v => v is >= 3 and <= 90, "a whole number of days from 3 to 90")
            : null;
        return new AnomalySettings(k ?? defaults.RunK, minRuns ?? defaults.MinRuns, factor ?? defaults.DailyJumpFactor, days ?? defaults.BaselineDays);
    }
}
