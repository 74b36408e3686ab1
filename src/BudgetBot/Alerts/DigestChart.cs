using System.Globalization;
using ScottPlot;

namespace BudgetBot.Alerts;

// The week's spend by team as a PNG (ScottPlot on SkiaSharp, no display needed): one stacked bar per
// UTC day, one colour per team. Pure: the figures in, the image out.
internal static class DigestChart
{
    public const string FileName = "spend-by-team.png";

    // One chart per channel and ISO week, whatever the digest's schedule: the upload key.
    public static string Key(string channel, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"digest-chart:{channel}:{ISOWeek.GetYear(now.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(now.UtcDateTime):00}");

    public static string Title(DateTimeOffset from, DateTimeOffset to) =>
        string.Create(CultureInfo.InvariantCulture, $"AI spend by team, {from.UtcDateTime:MMM d} to {to.UtcDateTime:MMM d} (UTC)");

    public static byte[] Png(IReadOnlyList<TeamDaySpend> spend, DateTimeOffset from, DateTimeOffset to)
    {
        var first = DateOnly.FromDateTime(from.UtcDateTime);
        var days = DateOnly.FromDateTime(to.UtcDateTime).DayNumber - first.DayNumber + 1;
        var teams = spend.Select(s => s.Team).Distinct().Order(StringComparer.Ordinal).ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var d = 0; d < days; d++)
        {
            var baseline = 0d;
            for (var t = 0; t < teams.Count; t++)
            {
                var usd = spend.Where(s => s.Day.DayNumber == first.DayNumber + d && s.Team == teams[t]).Sum(s => s.CostMicros) / 1_000_000d;
                if (usd > 0)
                {
                    bars.Add(new Bar { Position = d, ValueBase = baseline, Value = baseline + usd, FillColor = palette.GetColor(t) });
                    baseline += usd;
                }
            }
        }
        plot.Add.Bars(bars);
        for (var t = 0; t < teams.Count; t++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = teams[t], FillColor = palette.GetColor(t) });
        }
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, days).Select(d => (double)d).ToArray(),
            Enumerable.Range(0, days).Select(d => first.AddDays(d).ToString("ddd MMM d", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsX(-0.5, days - 0.5);
        plot.Title(Title(from, to));
        plot.YLabel("USD");
        return plot.GetImageBytes(900, 420, ImageFormat.Png);
    }
}

// One team's spend on one UTC day, from the hourly rollups.
internal sealed record TeamDaySpend(DateOnly Day, string Team, long CostMicros);
