using System.Diagnostics;

namespace BudgetBot.Benchmarks;

// Sends requests at a steady rate (not back to back: a slow reply does not delay the next send) and
// times each from send to the end of the response body. Bounded: exactly rate × seconds requests.
internal static class LatencyRun
{
    public static async Task<LatencySummary> RunAsync(int ratePerSecond, int seconds, Func<Task> send)
    {
        var total = ratePerSecond * seconds;
        var tasks = new List<Task<double>>(total);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / ratePerSecond));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total && await timer.WaitForNextTickAsync(); i++)
        {
            tasks.Add(TimeAsync(send));
        }
        var sendSeconds = clock.Elapsed.TotalSeconds;
        var latencies = await Task.WhenAll(tasks);
        return LatencySummary.From(latencies, sendSeconds);
    }

    // Both endpoints in the same window, alternating which goes first on each tick, so the machine's
    // state (the inbox worker processing earlier deliveries, other load) weighs on both alike; the
    // sequential runs above leave the bare endpoint an idle machine.
    public static async Task<(LatencySummary A, LatencySummary B)> RunPairedAsync(int ratePerSecond, int seconds, Func<Task> a, Func<Task> b)
    {
        var total = ratePerSecond * seconds;
        var first = new List<Task<double>>(total);
        var second = new List<Task<double>>(total);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / ratePerSecond));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total && await timer.WaitForNextTickAsync(); i++)
        {
            if (i % 2 == 0)
            {
                first.Add(TimeAsync(a));
                second.Add(TimeAsync(b));
            }
            else
            {
                second.Add(TimeAsync(b));
                first.Add(TimeAsync(a));
            }
        }
        var sendSeconds = clock.Elapsed.TotalSeconds;
        return (LatencySummary.From(await Task.WhenAll(first), sendSeconds), LatencySummary.From(await Task.WhenAll(second), sendSeconds));
    }

    private static async Task<double> TimeAsync(Func<Task> send)
    {
        var start = Stopwatch.GetTimestamp();
        await send();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
