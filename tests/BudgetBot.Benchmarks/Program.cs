using BenchmarkDotNet.Running;

namespace BudgetBot.Benchmarks;

// Not a top-level program: BudgetBot's own public Program class would clash with a generated one.
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // A latency distribution under a steady rate, not a BenchmarkDotNet benchmark.
        // `--dir PATH` puts the databases there (default: the temp directory), e.g. on tmpfs to see
        // what the figure is when a flush costs nothing.
        if (args is ["--webhook-latency"] or ["--webhook-latency", "--dir", _])
        {
            return await WebhookLatency.RunAsync(args is [_, _, var dir] ? dir : null);
        }
        // Throughput of one and of three app instances over one database file.
        if (args is ["--scale-out"])
        {
            return await ScaleOut.RunAsync();
        }
        // OTLP ingestion by CPU time per point, which a shared machine's load moves far less than the wall clock.
        if (args is ["--otlp-cpu"])
        {
            return await OtlpCpu.RunAsync();
        }
        // OTLP protobuf points per second with several exporters at once.
        if (args is ["--otlp-throughput"])
        {
            return await OtlpThroughput.RunAsync();
        }
        // The PR comment's read and render in a loop, by wall clock, CPU time and allocations.
        if (args is ["--pr-comment-loop"])
        {
            return await PrCommentLoop.RunAsync();
        }
        // Usage ingestion against the plain insert ceiling, by CPU time, with and without history.
        if (args is ["--ingest-cpu"])
        {
            return await IngestCpu.RunAsync();
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, BenchConfig.Create());
        return 0;
    }
}
