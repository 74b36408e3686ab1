using System.Globalization;

namespace BudgetBot.Benchmarks;

// `--scale-out`: usage ingestion and inbox throughput with one instance, then with three, each over
// one SQLite file of its own (a fresh database per scenario), same machine, same run. A plain measured
// routine: the figures are wall-clock throughputs of several servers, not one method's mean.
internal static class ScaleOut
{
    private const int Batches = 120;
    private const int Deliveries = 3_000;
    // The same client concurrency for both scenarios, so only the number of instances changes.
    private const int Concurrency = 6;

    public static async Task<int> RunAsync()
    {
        var rows = new List<(int Instances, ScaleOutFigure Ingest, ScaleOutFigure Ack, ScaleOutFigure Processed)>();
        // Twice each, alternating: the first scenario also warms the process (tiered JIT), so a single
        // 1-then-3 order would favour three instances.
        foreach (var instances in new[] { 1, 3, 1, 3 })
        {
            await using var cluster = await ScaleOutCluster.StartAsync(instances);
            var ingest = await ScaleOutIngest.RunAsync(cluster, Batches, Concurrency);
            Console.WriteLine($"{instances} instance(s) ingest    {ingest}");
            var (ack, processed) = await ScaleOutInbox.RunAsync(cluster, Deliveries, Concurrency);
            Console.WriteLine($"{instances} instance(s) inbox ack {ack}");
            Console.WriteLine($"{instances} instance(s) processed {processed}");
            rows.Add((instances, ingest, ack, processed));
        }
        Console.WriteLine();
        Console.WriteLine("| Instances | Usage events/s | Webhooks acknowledged/s | Deliveries processed/s (end to end) |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (instances, ingest, ack, processed) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {instances} | {ingest.PerSecond:N0} | {ack.PerSecond:N0} | {processed.PerSecond:N0} |"));
        }
        return 0;
    }
}
