using System.Globalization;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Metrics.V1;

namespace BudgetBot.Otlp;

// ExportMetricsServiceRequest (OTLP protobuf, over HTTP or gRPC) → the same usage samples as
// MetricsReader reads from JSON, so everything after the read is shared.
internal static class MetricsProtoReader
{
    public static List<MetricSample> Read(ExportMetricsServiceRequest request, Rejections rejected)
    {
        var samples = new List<MetricSample>();
        var groupKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rm in request.ResourceMetrics)
        {
            var resource = OtlpAttributes.Empty.With(rm.Resource?.Attributes ?? []);
            foreach (var sm in rm.ScopeMetrics)
            {
                var scope = sm.Scope?.Name ?? "";
                foreach (var metric in sm.Metrics)
                {
                    if (MetricKinds.IsUsage(metric.Name))
                    {
                        ReadMetric(metric, scope, resource, samples, groupKeys, rejected);
                    }
                }
            }
        }
        return samples;
    }

    private static void ReadMetric(Metric metric, string scope, OtlpAttributes resource, List<MetricSample> samples, HashSet<string> groupKeys, Rejections rejected)
    {
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Sum:
                var cumulative = metric.Sum.AggregationTemporality == AggregationTemporality.Cumulative;
                foreach (var p in metric.Sum.DataPoints)
                {
                    var value = p.ValueCase switch
                    {
                        NumberDataPoint.ValueOneofCase.AsDouble => Decimal(p.AsDouble),
                        NumberDataPoint.ValueOneofCase.AsInt => p.AsInt,
                        _ => (decimal?)null,
                    };
                    MetricsReader.Add(new(metric.Name, scope, cumulative, resource.With(p.Attributes), value, (long)p.StartTimeUnixNano, (long)p.TimeUnixNano), samples, groupKeys, rejected);
                }
                break;
            case Metric.DataOneofCase.Histogram:
                var histogramCumulative = metric.Histogram.AggregationTemporality == AggregationTemporality.Cumulative;
                foreach (var p in metric.Histogram.DataPoints)
                {
                    MetricsReader.Add(new(metric.Name, scope, histogramCumulative, resource.With(p.Attributes), p.HasSum ? Decimal(p.Sum) : null,
                        (long)p.StartTimeUnixNano, (long)p.TimeUnixNano), samples, groupKeys, rejected);
                }
                break;
        }
    }

    // The shortest text that round-trips, as a JSON exporter writes it: 0.760575 stays 0.760575. A
    // whole count below 10^15 is written as its digits, which is the long it holds (scale 0 either
    // way), so it skips the text: most points are token counts.
    internal static decimal? Decimal(double value) =>
        value is > 0 and < 1e15 && value == Math.Floor(value) ? (long)value
        : double.IsFinite(value) ? OtlpJson.Decimal(value.ToString("R", CultureInfo.InvariantCulture)) : null;
}
