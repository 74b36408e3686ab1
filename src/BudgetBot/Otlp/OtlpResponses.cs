using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BudgetBot.Otlp;

// OTLP's answer in protobuf (OTLP/HTTP protobuf and gRPC): empty when everything was taken, else
// partial_success with the rejected count and why.
internal static class OtlpResponses
{
    public static ExportMetricsServiceResponse Metrics(Rejections r) => new()
    {
        PartialSuccess = r.Count == 0 ? null : new ExportMetricsPartialSuccess { RejectedDataPoints = r.Count, ErrorMessage = r.Message },
    };

    public static ExportLogsServiceResponse Logs(Rejections r) => new()
    {
        PartialSuccess = r.Count == 0 ? null : new ExportLogsPartialSuccess { RejectedLogRecords = r.Count, ErrorMessage = r.Message },
    };

    public static ExportTraceServiceResponse Traces(Rejections r) => new()
    {
        PartialSuccess = r.Count == 0 ? null : new ExportTracePartialSuccess { RejectedSpans = r.Count, ErrorMessage = r.Message },
    };
}
