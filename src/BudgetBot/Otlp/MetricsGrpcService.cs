using Grpc.Core;
using OpenTelemetry.Proto.Collector.Metrics.V1;

namespace BudgetBot.Otlp;

// opentelemetry.proto.collector.metrics.v1.MetricsService/Export: the same receiver as OTLP/HTTP.
internal sealed class MetricsGrpcService(OtlpReceiver receiver) : MetricsService.MetricsServiceBase
{
    public override async Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context) =>
        OtlpResponses.Metrics(await receiver.MetricsAsync(request, context.CancellationToken));
}
