using System.Globalization;

namespace BudgetBot.Otlp;

// Splits the points of one (session, model, attribute set) into export windows: the points one
// collection of the sender's SDK produced. A window's points are within a second of its first point
// and hold each series (token class or cost) once; the next point of a series already in the window
// opens the next one. Start times are not looked at: the JavaScript SDK stamps each new series with
// the millisecond it was first recorded, so Claude Code's cost and token points of one request can
// differ by one; the .NET SDK stamps each metric's end time separately. A window's id is the group
// and the time of its first point, so a retried export gives the same windows and the same ids.
internal static class ExportWindows
{
    private const long WindowNanos = 1_000_000_000;

    // Few series share a window (a token class or cost each): they are told apart by a list until
    // there are more than this many, then by a set, so a window of thousands stays linear.
    private const int ListedSeries = 8;

    public static List<(string Id, List<MetricSample> Points)> Split(string groupKey, List<MetricSample> group)
    {
        var windows = new List<(string Id, List<MetricSample> Points)>(1);
        List<MetricSample>? window = null;
        var listed = new List<(UsageKind, string?, string?, string?)>(ListedSeries);
        HashSet<(UsageKind, string?, string?, string?)>? hashed = null;
        foreach (var s in InOrder(group))
        {
            var key = (s.Kind, s.Attributes.Get("type"), s.Attributes.Get("gen_ai.token.type"), s.Attributes.Get("gen_ai.token.modality"));
            if (window is not null && (s.TimeNanos - window[0].TimeNanos > WindowNanos || !Add(key)))
            {
                windows.Add((Id(groupKey, window[0]), window));
                window = null;
            }
            if (window is null)
            {
                window = new List<MetricSample>(Math.Min(group.Count, ListedSeries));
                listed.Clear();
                hashed = null;
                Add(key);
            }
            window.Add(s);
        }
        if (window is not null)
        {
            windows.Add((Id(groupKey, window[0]), window));
        }
        return windows;

        bool Add((UsageKind, string?, string?, string?) key)
        {
            if (hashed is not null)
            {
                return hashed.Add(key);
            }
            if (listed.Contains(key))
            {
                return false;
            }
            listed.Add(key);
            if (listed.Count > ListedSeries)
            {
                hashed = [.. listed];
            }
            return true;
        }
    }

    private static string Id(string groupKey, MetricSample first) =>
        OtlpIds.Hash(groupKey, first.TimeNanos.ToString(CultureInfo.InvariantCulture));

    // By time, then kind, ties in arrival order. A collection's points mostly arrive in that order
    // already (one time, token classes before cost), so they are sorted only when they do not.
    private static IEnumerable<MetricSample> InOrder(List<MetricSample> group)
    {
        for (var n = 1; n < group.Count; n++)
        {
            if ((group[n - 1].TimeNanos, group[n - 1].Kind).CompareTo((group[n].TimeNanos, group[n].Kind)) > 0)
            {
                return group.OrderBy(s => s.TimeNanos).ThenBy(s => s.Kind);
            }
        }
        return group;
    }
}
