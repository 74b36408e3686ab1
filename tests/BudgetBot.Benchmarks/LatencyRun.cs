using System.Diagnostics;

namespace BudgetBot.Benchmarks;

// Sends requests at a steady rate (not back to back: a slow reply does not delay the next send) and
// times each from send to the end of the response body. Bounded: exactly rate × seconds requests.
internal static class LatencyRun
{
    public static async Task<LatencyRound> RunAsync(int ratePerSecond, int seconds, Func<Task> send)
    {
        var total = ratePerSecond * seconds;
        var tasks = new List<Task<double>>(total);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / ratePerSecond));
        var clock = Stopwatch.StartNew();
        var gcs = GC.CollectionCount(0);
        for (var i = 0; i < total && await timer.WaitForNextTickAsync(); i++)
        {
            tasks.Add(TimeAsync(send));
        }
        var sendSeconds = clock.Elapsed.TotalSeconds;
        var latencies = await Task.WhenAll(tasks);
        return new LatencyRound(latencies, sendSeconds, GC.CollectionCount(0) - gcs);
    }

    private static async Task<double> TimeAsync(Func<Task> send)
    {
        var start = Stopwatch.GetTimestamp();
        await send();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}

// One timed run: every request's latency in milliseconds, how long the sends took, and how many
// gen0 collections (each pauses every thread of the process) happened meanwhile.
internal sealed record LatencyRound(double[] Latencies, double Seconds, int Gen0Collections);
