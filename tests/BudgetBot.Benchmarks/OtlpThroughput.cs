using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;

namespace BudgetBot.Benchmarks;

// `--otlp-throughput`: OTLP/HTTP protobuf metric points per second by the wall clock, with 1, 2 and 4
// exporters sending at once, as a Collector does (its exporters send from a queue with 10 consumers by
// default). Exports are built before the clock starts; every one is new (SyntheticOtlp), so each
// point is read, priced, stored and rolled up. Server and clients share the process and the 2 cores.
internal static class OtlpThroughput
{
    private const int ExportsPerSender = 48;

    public static async Task<int> RunAsync()
    {
        await using var host = await BenchHost.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        var parser = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
        long export = 0;
        byte[] Next() => parser.Parse<ExportMetricsServiceRequest>(System.Text.Encoding.UTF8.GetString(SyntheticOtlp.Export(export++, now))).ToByteArray();
        // Warm-up: JIT, connections, the first rollup rows.
        await SendAsync(host.Http, [.. Enumerable.Range(0, 4).Select(_ => Next())]);
        Console.WriteLine($"{ExportsPerSender} exports of {SyntheticOtlp.PointsPerExport:N0} points per sender; load average {OtlpCpu.LoadAverage()}");
        Console.WriteLine("| Senders at once | Points | Seconds | Points/s (wall) | CPU µs per point |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var senders in new[] { 1, 2, 4 })
        {
            var work = Enumerable.Range(0, senders).Select(_ => Enumerable.Range(0, ExportsPerSender).Select(_ => Next()).ToList()).ToList();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(work.Select(w => Task.Run(() => SendAsync(host.Http, w))));
            var wall = clock.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var points = (double)senders * ExportsPerSender * SyntheticOtlp.PointsPerExport;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {senders} | {points:N0} | {wall.TotalSeconds:F2} | {points / wall.TotalSeconds:N0} | {cpu.TotalMicroseconds / points:F1} |"));
        }
        Console.WriteLine($"load average at the end {OtlpCpu.LoadAverage()}");
        return 0;
    }

    private static async Task SendAsync(HttpClient http, List<byte[]> exports)
    {
        foreach (var payload in exports)
        {
            using var content = new ByteArrayContent(payload) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-protobuf") } };
            using var response = await http.PostAsync("/v1/metrics", content);
            response.EnsureSuccessStatusCode();
        }
    }
}
