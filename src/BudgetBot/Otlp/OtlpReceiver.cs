using System.Text.Json;
using BudgetBot.Usage;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BudgetBot.Otlp;

// The three OTLP signals, each read into usage events and written through the one ingestor. JSON and
// protobuf (OTLP/HTTP or gRPC) are read into the same samples and events; the rest is shared.
internal sealed class OtlpReceiver(CumulativeSeries series, SessionClaims claims, UsageIngestor ingestor, ILogger<OtlpReceiver> logger)
{
    public Task<Rejections> MetricsAsync(JsonElement root, CancellationToken ct) => MetricsAsync(r => MetricsReader.Read(root, r), ct);

    public Task<Rejections> MetricsAsync(ExportMetricsServiceRequest request, CancellationToken ct) => MetricsAsync(r => MetricsProtoReader.Read(request, r), ct);

    public Task<Rejections> LogsAsync(JsonElement root, CancellationToken ct) => StoreAsync(LogsReader.Source, r => LogsReader.Read(root, r), ct);

    public Task<Rejections> LogsAsync(ExportLogsServiceRequest request, CancellationToken ct) => StoreAsync(LogsReader.Source, r => LogsProtoReader.Read(request, r), ct);

    public Task<Rejections> TracesAsync(JsonElement root, CancellationToken ct) => StoreAsync(SpansReader.Source, r => SpansReader.Read(root, r), ct);

    public Task<Rejections> TracesAsync(ExportTraceServiceRequest request, CancellationToken ct) => StoreAsync(SpansReader.Source, r => SpansProtoReader.Read(request, r), ct);

    private async Task<Rejections> MetricsAsync(Func<Rejections, List<MetricSample>> read, CancellationToken ct)
    {
        var rejected = new Rejections();
        var samples = read(rejected);
        var (deltas, last) = await series.ToDeltasAsync(samples, ct);
        await StoreAsync(MetricsAggregator.Source, MetricsAggregator.ToEvents(deltas), rejected, ct);
        // Only after the events are stored: see CumulativeSeries.
        await series.SaveAsync(last, ct);
        return rejected;
    }

    private async Task<Rejections> StoreAsync(string channel, Func<Rejections, List<OtlpUsage>> read, CancellationToken ct)
    {
        var rejected = new Rejections();
        await StoreAsync(channel, read(rejected), rejected, ct);
        return rejected;
    }

    private async Task StoreAsync(string channel, List<OtlpUsage> events, Rejections rejected, CancellationToken ct)
    {
        events.RemoveAll(u => UsageBounds.Problem(u.Event) is { } why && Reject(rejected, why));
        if (rejected.Message is { } reasons)
        {
            OtlpLog.Rejected(logger, channel, rejected.Count, reasons);
        }
        if (events.Count == 0)
        {
            return;
        }
        // Claiming the sessions and storing what this channel keeps is one write transaction.
        var dropped = 0;
        var result = await ingestor.IngestAsync(events.ConvertAll(u => u.Event), async (c, tx) =>
        {
            var (kept, notOurs) = await claims.FilterAsync(c, tx, channel, events, ct);
            dropped = notOurs;
            return kept.ConvertAll(k => k.Event);
        }, ct);
        OtlpLog.Stored(logger, channel, result.Accepted, result.Duplicates, dropped);
    }

    private static bool Reject(Rejections rejected, string why)
    {
        rejected.Add(why);
        return true;
    }
}
