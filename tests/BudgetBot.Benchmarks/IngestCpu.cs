using System.Diagnostics;
using System.Globalization;

namespace BudgetBot.Benchmarks;

// `--ingest-cpu`: IngestBenchmarks' two methods (the plain batched insert, the ceiling, and
// POST /api/usage), with and without history, timed by the process's CPU time as well as the wall
// clock, taking turns in every round so that both meet the same load. On a shared machine the CPU
// ratio is the figure to compare builds by; BenchmarkDotNet's wall-clock ratio is the target's.
// Also the process to attach `dotnet-trace` to when looking for where an ingest's time goes.
internal static class IngestCpu
{
    private const int Rounds = 8;
    private const int PerRound = 16;

    public static async Task<int> RunAsync()
    {
        Console.WriteLine($"{Rounds} rounds × {PerRound} batches of {IngestBenchmarks.Batch} events each way; load average {OtlpCpu.LoadAverage()}");
        Console.WriteLine("| History | Ceiling CPU µs/event | /api/usage CPU µs/event | Share of the ceiling (CPU) | Ceiling wall µs/event | /api/usage wall µs/event | Share (wall) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var history in new[] { false, true })
        {
            var bench = new IngestBenchmarks { History = history };
            await bench.SetupAsync();
            var cpu = new TimeSpan[2];
            var wall = new TimeSpan[2];
            for (var round = 0; round <= Rounds; round++)
            {
                bench.PrepareIteration();
                for (var k = 0; k < 2; k++)
                {
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    for (var i = 0; i < PerRound; i++)
                    {
                        if (k == 0)
                        {
                            bench.DapperInsert();
                        }
                        else
                        {
                            await bench.PostUsage();
                        }
                    }
                    // Round 0 warms up (JIT, first connections) and is not counted.
                    if (round > 0)
                    {
                        wall[k] += clock.Elapsed;
                        cpu[k] += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                    }
                }
            }
            await bench.CleanupAsync();
            var events = (double)Rounds * PerRound * IngestBenchmarks.Batch;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {history} | {cpu[0].TotalMicroseconds / events:F1} | {cpu[1].TotalMicroseconds / events:F1} | {cpu[0] / cpu[1]:F2} | {wall[0].TotalMicroseconds / events:F1} | {wall[1].TotalMicroseconds / events:F1} | {wall[0] / wall[1]:F2} |"));
        }
        Console.WriteLine($"load average at the end {OtlpCpu.LoadAverage()}");
        return 0;
    }
}
