using System.Text.Json;
using BudgetBot.Usage;

namespace BudgetBot.Otlp;

// The three OTLP signals, each read into usage events and written through the one ingestor.
internal sealed class OtlpReceiver(CumulativeSeries series, SessionClaims claims, UsageIngestor ingestor, ILogger<OtlpReceiver> logger)
{
    public async Task<Rejections> MetricsAsync(JsonElement root, CancellationToken ct)
    {
        var rejected = new Rejections();
        var samples = MetricsReader.Read(root, rejected);
        var (deltas, last) = await series.ToDeltasAsync(samples, ct);
        await StoreAsync(MetricsAggregator.Source, MetricsAggregator.ToEvents(deltas), rejected, ct);
        // Only after the events are stored: see CumulativeSeries.
        await series.SaveAsync(last, ct);
        return rejected;
    }

    public async Task<Rejections> LogsAsync(JsonElement root, CancellationToken ct)
    {
        var rejected = new Rejections();
        await StoreAsync(LogsReader.Source, LogsReader.Read(root, rejected), rejected, ct);
        return rejected;
    }

    public async Task<Rejections> TracesAsync(JsonElement root, CancellationToken ct)
    {
        var rejected = new Rejections();
        await StoreAsync(SpansReader.Source, SpansReader.Read(root, rejected), rejected, ct);
        return rejected;
    }

    private async Task StoreAsync(string channel, List<OtlpUsage> events, Rejections rejected, CancellationToken ct)
    {
        if (rejected.Message is { } reasons)
        {
            OtlpLog.Rejected(logger, channel, rejected.Count, reasons);
        }
        if (events.Count == 0)
        {
            return;
        }
        var (kept, dropped) = await claims.FilterAsync(channel, events, ct);
        var result = kept.Count == 0 ? new IngestResult(0, 0) : await ingestor.IngestAsync(kept.ConvertAll(k => k.Event), ct);
        OtlpLog.Stored(logger, channel, result.Accepted, result.Duplicates, dropped);
    }
}
