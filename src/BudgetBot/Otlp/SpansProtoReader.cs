using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BudgetBot.Otlp;

// ExportTraceServiceRequest (OTLP protobuf) → the same usage events as SpansReader reads from JSON;
// the byte ids become the hex text JSON carries, so a span has one id whichever encoding brought it.
internal static class SpansProtoReader
{
    public static List<OtlpUsage> Read(ExportTraceServiceRequest request, Rejections rejected)
    {
        var events = new List<OtlpUsage>();
        foreach (var rs in request.ResourceSpans)
        {
            var resource = OtlpAttributes.Empty.With(rs.Resource?.Attributes ?? []);
            foreach (var ss in rs.ScopeSpans)
            {
                foreach (var span in ss.Spans)
                {
                    var time = span.EndTimeUnixNano > 0 ? (long)span.EndTimeUnixNano : (long)span.StartTimeUnixNano;
                    SpansReader.Add(Convert.ToHexStringLower(span.TraceId.Span), Convert.ToHexStringLower(span.SpanId.Span), time,
                        resource.With(span.Attributes), events, rejected);
                }
            }
        }
        return events;
    }
}
