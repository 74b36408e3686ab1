using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;

namespace BudgetBot.Benchmarks;

// `--otlp-cpu`: the three requests of OtlpBenchmarks (the reference POST /api/usage, OTLP JSON, OTLP
// protobuf; 1,500 points or 300 events each), timed by the process's CPU time as well as the wall
// clock. On a machine shared with other builds the wall clock mostly measures the neighbours; CPU
// time per point moves far less with the load, so it is the figure to compare builds by. The kinds
// take turns in every round so that each meets the same load. Server and client share the process
// (as in OtlpBenchmarks), so the client's share is in the CPU time too.
internal static class OtlpCpu
{
    private const int Rounds = 6;
    private const int PerRound = 8;
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static async Task<int> RunAsync()
    {
        await using var host = await BenchHost.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        long export = 0, batch = 0;
        (string Name, string Path, string Type, Func<byte[]> Build)[] kinds =
        [
            ("POST /api/usage, same event count (reference)", "/api/usage", "application/json", () => Reference(batch++, now)),
            ("POST /v1/metrics, JSON", "/v1/metrics", "application/json", () => SyntheticOtlp.Export(export++, now)),
            ("POST /v1/metrics, protobuf", "/v1/metrics", "application/x-protobuf",
                () => Parser.Parse<ExportMetricsServiceRequest>(System.Text.Encoding.UTF8.GetString(SyntheticOtlp.Export(export++, now))).ToByteArray()),
        ];
        var cpu = new TimeSpan[kinds.Length];
        var wall = new TimeSpan[kinds.Length];
        for (var round = 0; round <= Rounds; round++)
        {
            for (var k = 0; k < kinds.Length; k++)
            {
                var payloads = Enumerable.Range(0, PerRound).Select(_ => kinds[k].Build()).ToList();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                foreach (var payload in payloads)
                {
                    using var content = new ByteArrayContent(payload) { Headers = { ContentType = new MediaTypeHeaderValue(kinds[k].Type) } };
                    using var response = await host.Http.PostAsync(kinds[k].Path, content);
                    response.EnsureSuccessStatusCode();
                }
                // Round 0 warms up (JIT, first connections) and is not counted.
                if (round > 0)
                {
                    wall[k] += clock.Elapsed;
                    cpu[k] += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                }
            }
        }
        var points = (double)Rounds * PerRound * SyntheticOtlp.PointsPerExport;
        Console.WriteLine($"{Rounds} rounds × {PerRound} requests of each kind, {SyntheticOtlp.PointsPerExport:N0} points (or {SyntheticOtlp.EventsPerExport} events) per request; load average {LoadAverage()}");
        Console.WriteLine("| Request | CPU µs per point | Points per CPU-second | Wall-clock points/s | CPU ratio to /api/usage |");
        Console.WriteLine("|---|---|---|---|---|");
        for (var k = 0; k < kinds.Length; k++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kinds[k].Name} | {cpu[k].TotalMicroseconds / points:F1} | {points / cpu[k].TotalSeconds:N0} | {points / wall[k].TotalSeconds:N0} | {cpu[k] / cpu[0]:F2} |"));
        }
        return 0;
    }

    private static byte[] Reference(long n, DateTimeOffset now)
    {
        var first = n * SyntheticOtlp.EventsPerExport;
        return SyntheticUsage.Json(Enumerable.Range(0, SyntheticOtlp.EventsPerExport)
            .Select(i => SyntheticUsage.Event("otlp-cpu-ref", first + i, now.AddSeconds(-((first + i) % 7200)))));
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
