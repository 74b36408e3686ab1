using System.Text.Json;

namespace BudgetBot.Otlp;

// ExportMetricsServiceRequest (OTLP JSON) → usage samples. Metrics that carry no spend are skipped;
// a usage point that cannot be read is rejected and reported, the others still count.
internal static class MetricsReader
{
    private const decimal MaxValue = 1_000_000_000_000m;

    private static readonly IReadOnlySet<string> EmptyKeys = new HashSet<string>();

    public static List<MetricSample> Read(JsonElement root, Rejections rejected)
    {
        var samples = new List<MetricSample>();
        var groupKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rm in OtlpJson.Array(root, "resourceMetrics"))
        {
            var resource = OtlpAttributes.Read(OtlpJson.Object(rm, "resource"));
            foreach (var sm in OtlpJson.Array(rm, "scopeMetrics"))
            {
                var scope = OtlpJson.String(OtlpJson.Object(sm, "scope"), "name") ?? "";
                foreach (var metric in OtlpJson.Array(sm, "metrics"))
                {
                    ReadMetric(metric, scope, resource, samples, groupKeys, rejected);
                }
            }
        }
        return samples;
    }

    private static void ReadMetric(JsonElement metric, string scope, OtlpAttributes resource, List<MetricSample> samples, HashSet<string> groupKeys, Rejections rejected)
    {
        var name = OtlpJson.String(metric, "name") ?? "";
        if (!MetricKinds.IsUsage(name))
        {
            return;
        }
        var histogram = OtlpJson.Object(metric, "histogram");
        var data = histogram.ValueKind == JsonValueKind.Object ? histogram : OtlpJson.Object(metric, "sum");
        var cumulative = OtlpJson.Int64(data, "aggregationTemporality") == 2;
        foreach (var point in OtlpJson.Array(data, "dataPoints"))
        {
            var value = histogram.ValueKind == JsonValueKind.Object ? Value(point, "sum") : Value(point, "asDouble") ?? Value(point, "asInt");
            Add(new Point(name, scope, cumulative, resource.With(point), value,
                OtlpJson.Int64(point, "startTimeUnixNano") ?? 0, OtlpJson.Int64(point, "timeUnixNano") ?? 0), samples, groupKeys, rejected);
        }
    }

    internal readonly record struct Point(string Metric, string Scope, bool Cumulative, OtlpAttributes Attributes, decimal? Value, long Start, long Time);

    // One data point of a usage metric, read from either encoding.
    internal static void Add(Point p, List<MetricSample> samples, HashSet<string> groupKeys, Rejections rejected)
    {
        var kind = MetricKinds.Classify(p.Metric, p.Attributes, out var error);
        var model = MetricKinds.Model(p.Attributes);
        error ??= p.Value switch
        {
            null => $"{p.Metric}: a data point has no numeric value",
            < 0 or > MaxValue => $"{p.Metric}: value {p.Value} is out of range",
            _ => p.Time <= 0 ? $"{p.Metric}: a data point has no timeUnixNano"
                : model is null ? $"{p.Metric}: a data point has no model attribute"
                : null,
        };
        if (error is not null)
        {
            rejected.Add(error);
            return;
        }
        if (kind is { } k)
        {
            samples.Add(new MetricSample(
                // No times in the group: the points of one request are joined by export window
                // (MetricsAggregator), because senders stamp each series with its own start time.
                // The key is the hash's input, hashed once per group rather than once per point.
                GroupKey: OtlpIds.Text(groupKeys, p.Attributes, MetricKinds.ClassKeys, p.Scope),
                // Only a CUMULATIVE series is differenced against its last point; delta points (Claude
                // Code's) need no series key, and hashing one per point cost a quarter of the read.
                SeriesKey: p.Cumulative ? OtlpIds.Hash(p.Attributes, EmptyKeys, p.Scope, p.Metric) : "",
                k, p.Value!.Value, p.Cumulative, p.Start, p.Time, model!, p.Attributes));
        }
    }

    private static decimal? Value(JsonElement point, string name) =>
        point.TryGetProperty(name, out var v) ? OtlpJson.Decimal(v) : null;
}
