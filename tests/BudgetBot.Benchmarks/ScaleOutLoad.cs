using System.Diagnostics;

namespace BudgetBot.Benchmarks;

// A bounded closed loop: `concurrency` clients take the next item number until `count` are done,
// so exactly `count` requests are sent and never more than `concurrency` are in flight.
internal static class ScaleOutLoad
{
    public static async Task<TimeSpan> RunAsync(int count, int concurrency, Func<int, Task> send)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await send(i);
            }
        })));
        return clock.Elapsed;
    }
}
