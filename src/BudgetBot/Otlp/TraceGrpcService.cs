using Grpc.Core;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BudgetBot.Otlp;

// opentelemetry.proto.collector.trace.v1.TraceService/Export: the same receiver as OTLP/HTTP.
internal sealed class TraceGrpcService(OtlpReceiver receiver) : TraceService.TraceServiceBase
{
    public override async Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context) =>
        OtlpResponses.Traces(await receiver.TracesAsync(request, context.CancellationToken));
}
