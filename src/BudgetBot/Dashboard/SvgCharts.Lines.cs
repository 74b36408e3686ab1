namespace BudgetBot.Dashboard;

internal static partial class SvgCharts
{
    // One polyline per series over the same labels (a median and a p90 per week, say); a series
    // skips the labels where it has no value.
    public static string Lines(IReadOnlyList<string> labels, IReadOnlyList<(string Name, IReadOnlyList<decimal?> Values)> series, int width = 900, int height = 220)
    {
        const int left = 60, bottom = 40, top = 10;
        var plotW = width - left - 10;
        var plotH = height - bottom - top;
        var max = Nice(series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max());
        var step = labels.Count <= 1 ? 0 : (double)plotW / (labels.Count - 1);
        var svg = Open(width, height, "Cost per unit over time");
        Axis(svg, left, top, plotW, plotH, max);
        for (var s = 0; s < series.Count; s++)
        {
            var points = series[s].Values
                .Select((v, i) => v is null ? null : $"{(left + i * step).ToString("0.#", Inv)},{(top + plotH - (double)(v.Value / max) * plotH).ToString("0.#", Inv)}")
                .Where(p => p is not null);
            svg.Append(Inv, $"<polyline class=\"series-{s}\" fill=\"none\" stroke=\"{Palette[s % Palette.Count]}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"><title>{Esc(series[s].Name)}</title></polyline>");
        }
        for (var i = 0; i < labels.Count; i++)
        {
            svg.Append(Inv, $"<text x=\"{left + i * step:0.#}\" y=\"{height - bottom + 16}\" font-size=\"10\" text-anchor=\"middle\">{Esc(labels[i])}</text>");
        }
        return svg.Append("</svg>").ToString();
    }
}
