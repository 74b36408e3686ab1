using OpenTelemetry.Proto.Collector.Logs.V1;

namespace BudgetBot.Otlp;

// ExportLogsServiceRequest (OTLP protobuf) → the same usage events as LogsReader reads from JSON.
internal static class LogsProtoReader
{
    public static List<OtlpUsage> Read(ExportLogsServiceRequest request, Rejections rejected)
    {
        var events = new List<OtlpUsage>();
        foreach (var rl in request.ResourceLogs)
        {
            var resource = OtlpAttributes.Empty.With(rl.Resource?.Attributes ?? []);
            foreach (var sl in rl.ScopeLogs)
            {
                foreach (var record in sl.LogRecords)
                {
                    var body = record.Body?.ValueCase == OpenTelemetry.Proto.Common.V1.AnyValue.ValueOneofCase.StringValue ? record.Body.StringValue : null;
                    var attribute = record.Attributes.FirstOrDefault(kv => kv.Key == "event.name")?.Value?.StringValue;
                    if (LogsReader.IsApiRequest(body, record.EventName, attribute))
                    {
                        var time = record.TimeUnixNano > 0 ? (long)record.TimeUnixNano : (long)record.ObservedTimeUnixNano;
                        LogsReader.Add(time, resource.With(record.Attributes), events, rejected);
                    }
                }
            }
        }
        return events;
    }
}
