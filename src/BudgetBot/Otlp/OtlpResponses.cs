using System.Text.Json.Serialization;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BudgetBot.Otlp;

// OTLP's answer, empty when everything was taken, else partial success with the rejected count and
// why: in protobuf (OTLP/HTTP protobuf and gRPC) and in OTLP/HTTP JSON ({} or {"partialSuccess": ...}).
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

    public static OtlpMetricsAnswer MetricsJson(Rejections r) => new(r.Count == 0 ? null : new(r.Count, r.Message));

    public static OtlpLogsAnswer LogsJson(Rejections r) => new(r.Count == 0 ? null : new(r.Count, r.Message));

    public static OtlpTracesAnswer TracesJson(Rejections r) => new(r.Count == 0 ? null : new(r.Count, r.Message));
}

internal sealed record OtlpMetricsAnswer([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OtlpMetricsRejected? PartialSuccess);

internal sealed record OtlpMetricsRejected(int RejectedDataPoints, string? ErrorMessage);

internal sealed record OtlpLogsAnswer([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OtlpLogsRejected? PartialSuccess);

internal sealed record OtlpLogsRejected(int RejectedLogRecords, string? ErrorMessage);

internal sealed record OtlpTracesAnswer([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OtlpTracesRejected? PartialSuccess);

internal sealed record OtlpTracesRejected(int RejectedSpans, string? ErrorMessage);
