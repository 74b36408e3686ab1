using Grpc.Core;
using OpenTelemetry.Proto.Collector.Logs.V1;

namespace BudgetBot.Otlp;

// opentelemetry.proto.collector.logs.v1.LogsService/Export: the same receiver as OTLP/HTTP.
internal sealed class LogsGrpcService(OtlpReceiver receiver) : LogsService.LogsServiceBase
{
    public override async Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context) =>
        OtlpResponses.Logs(await receiver.LogsAsync(request, context.CancellationToken));
}
