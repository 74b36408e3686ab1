using System.Diagnostics;
using System.Globalization;

namespace BudgetBot.Benchmarks;

// `--pr-comment-loop`: PrCommentBenchmarks' read and render of one PR with 10,000 events, called
// back to back for eight seconds after 300 warm-up calls, by the wall clock, the process's CPU time
// and the bytes allocated per call. Quicker than the BenchmarkDotNet run, so two builds can take
// turns in one window of a machine whose speed drifts.
internal static class PrCommentLoop
{
    public static async Task<int> RunAsync()
    {
        var bench = new PrCommentBenchmarks { EventsOfThePr = 10_000 };
        await bench.SetupAsync();
        try
        {
            for (var i = 0; i < 300; i++)
            {
                await bench.ReadAndRender();
            }
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var clock = Stopwatch.StartNew();
            var calls = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(8))
            {
                await bench.ReadAndRender();
                calls++;
            }
            var wall = clock.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"read + render, 10,000 events: {wall.TotalMicroseconds / calls:F0} µs per call (wall), " +
                $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / calls:F0} µs CPU, " +
                $"{(GC.GetTotalAllocatedBytes() - allocated) / calls:N0} bytes allocated; {calls:N0} calls; load average {OtlpCpu.LoadAverage()}"));
        }
        finally
        {
            await bench.CleanupAsync();
        }
        return 0;
    }
}
