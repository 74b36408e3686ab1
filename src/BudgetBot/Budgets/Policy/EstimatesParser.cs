using YamlDotNet.RepresentationModel;

namespace BudgetBot.Budgets;

// estimates: { windowDays: 1..365, percentile: p50|p90|p99, minRuns: 1..1000 }; each key left out
// takes its default.
internal static class EstimatesParser
{
    private static readonly Dictionary<string, int> Percentiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["p50"] = 50, ["p90"] = 90, ["p99"] = 99,
    };

    public static EstimateSettings Parse(PolicyReader reader, YamlNode? node)
    {
        var defaults = EstimateSettings.Default;
        if (node is null)
        {
            return defaults;
        }

        var section = reader.Section(node, "estimates", "windowDays", "percentile", "minRuns");
        var window = section["windowDays"] is { } w
            ? reader.Int(w, section.PathOf("windowDays"), d => d is >= 1 and <= 365, "a whole number of days from 1 to 365")
            : null;
        var minRuns = section["minRuns"] is { } m
            ? reader.Int(m, section.PathOf("minRuns"), d => d is >= 1 and <= 1000, "a whole number from 1 to 1000")
            : null;
        int? percentile = null;
        if (section["percentile"] is { } p && reader.Text(p, section.PathOf("percentile")) is { } text)
        {
            if (Percentiles.TryGetValue(text, out var value))
            {
                percentile = value;
            }
            else
            {
                reader.Error(p, $"{section.PathOf("percentile")} must be p50, p90 or p99 (got \"{text}\")");
            }
        }
        return new EstimateSettings(window ?? defaults.WindowDays, percentile ?? defaults.Percentile, minRuns ?? defaults.MinRuns);
    }
}
