using System.Text.Json;

namespace BudgetBot.Otlp;

// ExportMetricsServiceRequest (OTLP JSON) → usage samples. Metrics that carry no spend are skipped;
// a usage point that cannot be read is rejected and reported, the others still count.
internal static class MetricsReader
{
    private const decimal MaxValue = 1_000_000_000_000m;

    public static List<MetricSample> Read(JsonElement root, Rejections rejected)
    {
        var samples = new List<MetricSample>();
        foreach (var rm in OtlpJson.Array(root, "resourceMetrics"))
        {
            var resource = OtlpAttributes.Read(OtlpJson.Object(rm, "resource"));
            foreach (var sm in OtlpJson.Array(rm, "scopeMetrics"))
            {
                var scope = OtlpJson.String(OtlpJson.Object(sm, "scope"), "name") ?? "";
                foreach (var metric in OtlpJson.Array(sm, "metrics"))
                {
                    ReadMetric(metric, scope, resource, samples, rejected);
                }
            }
        }
        return samples;
    }

    private static void ReadMetric(JsonElement metric, string scope, OtlpAttributes resource, List<MetricSample> samples, Rejections rejected)
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
            var a = resource.With(point);
            var kind = MetricKinds.Classify(name, a, out var error);
            var value = histogram.ValueKind == JsonValueKind.Object ? Value(point, "sum") : Value(point, "asDouble") ?? Value(point, "asInt");
            var start = OtlpJson.Int64(point, "startTimeUnixNano") ?? 0;
            var time = OtlpJson.Int64(point, "timeUnixNano") ?? 0;
            var model = MetricKinds.Model(a);
            error ??= value switch
            {
                null => $"{name}: a data point has no numeric value",
                < 0 or > MaxValue => $"{name}: value {value} is out of range",
                _ => time <= 0 ? $"{name}: a data point has no timeUnixNano"
                    : model is null ? $"{name}: a data point has no model attribute"
                    : null,
            };
            if (error is not null)
            {
                rejected.Add(error);
                continue;
            }
            if (kind is { } k)
            {
                var startText = start.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var timeText = time.ToString(System.Globalization.CultureInfo.InvariantCulture);
                samples.Add(new MetricSample(
                    GroupKey: OtlpIds.Hash(a, MetricKinds.ClassKeys, scope, startText, timeText),
                    // Only a CUMULATIVE series is differenced against its last point; delta points (Claude
                    // Code's) need no series key, and hashing one per point cost a quarter of the read.
                    SeriesKey: cumulative ? OtlpIds.Hash(a, EmptyKeys, scope, name) : "",
                    k, value!.Value, cumulative, start, time, model!, a));
            }
        }
    }

    private static readonly IReadOnlySet<string> EmptyKeys = new HashSet<string>();

    private static decimal? Value(JsonElement point, string name) =>
        point.TryGetProperty(name, out var v) ? OtlpJson.Decimal(v) : null;
}
