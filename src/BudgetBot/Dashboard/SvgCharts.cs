using System.Globalization;
using System.Net;
using System.Text;

namespace BudgetBot.Dashboard;

internal sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);

internal sealed record BurnDownPoint(DateTimeOffset At, decimal CumulativeUsd);

// Hand-rolled SVG, rendered on the server (docs/decisions/dashboard-rendering.md): pure functions
// of their inputs, so a page needs no script and the output is testable text.
internal static partial class SvgCharts
{
    public static readonly IReadOnlyList<string> Palette =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string StackedBars(IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, int width = 900, int height = 280)
    {
        const int left = 60, bottom = 40, top = 10;
        var plotW = width - left - 10;
        var plotH = height - bottom - top;
        var totals = labels.Select((_, i) => series.Sum(s => s.Values[i])).ToList();
        var max = Nice(totals.Count == 0 ? 0 : totals.Max());
        var svg = Open(width, height, "Spend by bucket, stacked by group");
        Axis(svg, left, top, plotW, plotH, max);
        var barW = labels.Count == 0 ? 0 : (double)plotW / labels.Count;
        for (var i = 0; i < labels.Count; i++)
        {
            var y = (double)(top + plotH);
            for (var s = 0; s < series.Count; s++)
            {
                var h = max == 0 ? 0 : (double)(series[s].Values[i] / max) * plotH;
                if (h <= 0)
                {
                    continue;
                }
                y -= h;
                svg.Append(Inv, $"<rect x=\"{left + i * barW + barW * 0.1:0.#}\" y=\"{y:0.#}\" width=\"{barW * 0.8:0.#}\" height=\"{h:0.#}\" fill=\"{Palette[s % Palette.Count]}\">")
                    .Append(Inv, $"<title>{Esc(labels[i])} {Esc(series[s].Name)}: ${series[s].Values[i]:0.00}</title></rect>");
            }
            var every = Math.Max(1, labels.Count / 10);
            if (i % every == 0)
            {
                svg.Append(Inv, $"<text x=\"{left + i * barW + barW / 2:0.#}\" y=\"{height - bottom + 16}\" font-size=\"10\" text-anchor=\"middle\">{Esc(labels[i])}</text>");
            }
        }
        return svg.Append("</svg>").ToString();
    }

    // Cumulative actual spend, the limit (and limit plus grants), reserved on top of actual at now,
    // and a dashed projection at the period's burn rate to its end.
    public static string BurnDown(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, IReadOnlyList<BurnDownPoint> actual,
        decimal limitUsd, decimal grantedUsd, decimal reservedUsd, decimal projectedUsd, int width = 360, int height = 160)
    {
        const int left = 50, bottom = 20, top = 8;
        var plotW = width - left - 8;
        var plotH = height - bottom - top;
        var spent = actual.Count == 0 ? 0 : actual[^1].CumulativeUsd;
        var max = Nice(new[] { limitUsd + grantedUsd, projectedUsd, spent + reservedUsd }.Max());
        var span = Math.Max(1, (end - start).TotalSeconds);
        double X(DateTimeOffset t) => left + Math.Clamp((t - start).TotalSeconds / span, 0, 1) * plotW;
        double Y(decimal usd) => top + plotH - (max == 0 ? 0 : (double)(usd / max) * plotH);
        var svg = Open(width, height, "Burn-down: actual, reserved, limit and projection");
        Axis(svg, left, top, plotW, plotH, max);
        svg.Append(Inv, $"<line class=\"bd-limit\" x1=\"{left}\" x2=\"{left + plotW}\" y1=\"{Y(limitUsd):0.#}\" y2=\"{Y(limitUsd):0.#}\" stroke=\"#e15759\" stroke-width=\"1.5\"><title>limit ${limitUsd:0.00}</title></line>");
        if (grantedUsd > 0)
        {
            var g = Y(limitUsd + grantedUsd);
            svg.Append(Inv, $"<line class=\"bd-granted\" x1=\"{left}\" x2=\"{left + plotW}\" y1=\"{g:0.#}\" y2=\"{g:0.#}\" stroke=\"#59a14f\" stroke-dasharray=\"2 2\"><title>limit + granted ${limitUsd + grantedUsd:0.00}</title></line>");
        }
        var points = new List<string> { $"{X(start).ToString("0.#", Inv)},{Y(0).ToString("0.#", Inv)}" };
        points.AddRange(actual.Select(p => $"{X(p.At).ToString("0.#", Inv)},{Y(p.CumulativeUsd).ToString("0.#", Inv)}"));
        points.Add($"{X(now).ToString("0.#", Inv)},{Y(spent).ToString("0.#", Inv)}");
        svg.Append(Inv, $"<polyline class=\"bd-actual\" fill=\"none\" stroke=\"#4e79a7\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"><title>actual ${spent:0.00}</title></polyline>");
        if (reservedUsd > 0)
        {
            svg.Append(Inv, $"<rect class=\"bd-reserved\" x=\"{X(now) - 3:0.#}\" y=\"{Y(spent + reservedUsd):0.#}\" width=\"6\" height=\"{Y(spent) - Y(spent + reservedUsd):0.#}\" fill=\"#f28e2b\"><title>reserved ${reservedUsd:0.00}</title></rect>");
        }
        svg.Append(Inv, $"<line class=\"bd-projection\" x1=\"{X(now):0.#}\" y1=\"{Y(spent):0.#}\" x2=\"{X(end):0.#}\" y2=\"{Y(projectedUsd):0.#}\" stroke=\"#4e79a7\" stroke-dasharray=\"4 3\"><title>projected ${projectedUsd:0.00}</title></line>");
        return svg.Append("</svg>").ToString();
    }

    // The instant spend at the current rate reaches the available amount, if before the period ends.
    public static DateTimeOffset? ExceedsOn(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, decimal spentUsd, decimal availableUsd)
    {
        var elapsed = Math.Max((now - start).TotalHours, 1);
        if (spentUsd <= 0 || now >= end)
        {
            return null;
        }
        if (spentUsd >= availableUsd)
        {
            return now;
        }
        var at = now.AddHours((double)((availableUsd - spentUsd) / spentUsd) * elapsed);
        return at < end ? at : null;
    }

    private static StringBuilder Open(int width, int height, string title) =>
        new StringBuilder().Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"100%\" font-family=\"sans-serif\"><title>{Esc(title)}</title>");

    private static void Axis(StringBuilder svg, int left, int top, int plotW, int plotH, decimal max)
    {
        for (var i = 0; i <= 4; i++)
        {
            var y = top + plotH - plotH * i / 4.0;
            svg.Append(Inv, $"<line x1=\"{left}\" x2=\"{left + plotW}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>")
                .Append(Inv, $"<text x=\"{left - 4}\" y=\"{y + 3:0.#}\" font-size=\"10\" text-anchor=\"end\">${max * i / 4:0.##}</text>");
        }
    }

    // A round axis maximum (1, 2 or 5 times a power of ten) at or above the value.
    internal static decimal Nice(decimal value)
    {
        if (value <= 0)
        {
            return 1;
        }
        var p = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)value)));
        return new[] { 1m, 2m, 5m, 10m }.Select(m => m * p).First(v => v >= value);
    }

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
