using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using BudgetBot.Storage;
using Dapper;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;

namespace BudgetBot.Benchmarks;

// (c) OTLP metric points per second through POST /v1/metrics: each invocation one Claude Code-shaped
// export of 1,500 delta points (100 new sessions × 3 models × 4 token types + cost), which the
// receiver stores as 300 usage events. The reference is the same number of events through
// POST /api/usage, so the difference is the OTLP path's own cost (JSON tree, ids, session claims).
// The same exports as OTLP/HTTP protobuf (application/x-protobuf) are the third row.
[Config(typeof(OtlpConfig))]
[InvocationCount(InvocationsPerIteration)]
public class OtlpBenchmarks
{
    private const int InvocationsPerIteration = 16;
    private const string Source = "otlp-metrics";

    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private static readonly MediaTypeHeaderValue ProtobufType = new("application/x-protobuf");
    private static readonly JsonParser OtlpJsonParser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private BenchHost host = null!;
    private DateTimeOffset now;
    private long nextExport;
    private long nextBatch;
    private long exports;
    private long batches;
    private Queue<byte[]> payloads = new();
    private Queue<byte[]> protobufPayloads = new();
    private Queue<byte[]> references = new();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        host = await BenchHost.StartAsync();
        now = TimeProvider.System.GetUtcNow();
        // One export before measuring, checked, so a rejecting or dropping path cannot pass as a fast one.
        await PostExportAsync(Export());
        var (events, claims) = await CountAsync();
        if (events != SyntheticOtlp.EventsPerExport || claims != SyntheticOtlp.Sessions)
        {
            throw new InvalidOperationException(
                $"One export of {SyntheticOtlp.PointsPerExport} points stored {events} of {SyntheticOtlp.EventsPerExport} events and {claims} session claims.");
        }
    }

    // Built outside the measured calls: the figure is the server's, not the client's JSON writer.
    [IterationSetup(Target = nameof(PostMetrics))]
    public void PrepareExports() => payloads = new Queue<byte[]>(Enumerable.Range(0, InvocationsPerIteration).Select(_ => Export()));

    [IterationSetup(Target = nameof(PostMetricsProtobuf))]
    public void PrepareProtobufExports() => protobufPayloads = new Queue<byte[]>(Enumerable.Range(0, InvocationsPerIteration).Select(_ => ProtobufExport()));

    [IterationSetup(Target = nameof(PostUsage))]
    public void PrepareReferences() => references = new Queue<byte[]>(Enumerable.Range(0, InvocationsPerIteration).Select(_ => Reference()));

    [Benchmark(Baseline = true, OperationsPerInvoke = SyntheticOtlp.PointsPerExport, Description = "POST /api/usage, same event count (reference)")]
    public async Task PostUsage()
    {
        using var content = Content(references.TryDequeue(out var p) ? p : Reference());
        using var response = await host.Http.PostAsync("/api/usage", content);
        response.EnsureSuccessStatusCode();
        batches++;
    }

    [Benchmark(OperationsPerInvoke = SyntheticOtlp.PointsPerExport, Description = "POST /v1/metrics, 1,500 points per export")]
    public Task PostMetrics() => PostExportAsync(payloads.TryDequeue(out var p) ? p : Export());

    [Benchmark(OperationsPerInvoke = SyntheticOtlp.PointsPerExport, Description = "POST /v1/metrics protobuf, 1,500 points per export")]
    public async Task PostMetricsProtobuf()
    {
        using var content = new ByteArrayContent(protobufPayloads.TryDequeue(out var p) ? p : ProtobufExport()) { Headers = { ContentType = ProtobufType } };
        using var response = await host.Http.PostAsync("/v1/metrics", content);
        var answer = ExportMetricsServiceResponse.Parser.ParseFrom(await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync());
        if (answer.PartialSuccess is not null)
        {
            throw new InvalidOperationException("The export was not taken whole: " + answer.PartialSuccess);
        }
        exports++;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        // Every exported point must have become part of a stored event, or the figure is not about ingestion.
        var (events, claims) = await CountAsync();
        var expected = exports * SyntheticOtlp.EventsPerExport;
        Console.WriteLine($"// {Source}: {exports * SyntheticOtlp.PointsPerExport} points posted in {exports} exports, " +
                          $"{events} of {expected} events stored, {claims} sessions claimed; {batches} reference batches");
        await using (var c = await host.Get<Database>().OpenAsync())
        {
            var reference = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM usage_events WHERE source = 'bench';");
            if (events != expected || claims != exports * SyntheticOtlp.Sessions || reference != batches * SyntheticOtlp.EventsPerExport)
            {
                throw new InvalidOperationException(
                    $"Expected {expected} OTLP events and {batches * SyntheticOtlp.EventsPerExport} reference events; stored {events} and {reference}.");
            }
        }
        await host.DisposeAsync();
    }

    private async Task PostExportAsync(byte[] payload)
    {
        using var content = Content(payload);
        using var response = await host.Http.PostAsync("/v1/metrics", content);
        var body = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        // OTLP answers {} when every point was taken, partialSuccess otherwise.
        if (body != "{}")
        {
            throw new InvalidOperationException("The export was not taken whole: " + body);
        }
        exports++;
    }

    private byte[] Export() => SyntheticOtlp.Export(nextExport++, now);

    // The same export as protobuf: OTLP JSON is proto3 JSON for metrics, so the generated parser reads it.
    private byte[] ProtobufExport() =>
        OtlpJsonParser.Parse<ExportMetricsServiceRequest>(System.Text.Encoding.UTF8.GetString(Export())).ToByteArray();

    private byte[] Reference()
    {
        var first = nextBatch++ * SyntheticOtlp.EventsPerExport;
        return SyntheticUsage.Json(Enumerable.Range(0, SyntheticOtlp.EventsPerExport)
            .Select(i => SyntheticUsage.Event("otlp-ref", first + i, now.AddSeconds(-((first + i) % 7200)))));
    }

    private async Task<(long Events, long Claims)> CountAsync()
    {
        await using var c = await host.Get<Database>().OpenAsync();
        var events = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM usage_events WHERE source = @Source;", new { Source });
        var claims = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM usage_session_claims WHERE channel = @Source;", new { Source });
        return (events, claims);
    }

    private static ByteArrayContent Content(byte[] payload) => new(payload) { Headers = { ContentType = JsonType } };
}
