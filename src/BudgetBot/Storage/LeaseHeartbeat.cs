namespace BudgetBot.Storage;

// Keeps the leases of a claimed batch alive while it is worked on, so a lease can be short (a killed
// instance's work is taken over soon) and a long send or delivery is still never taken over. Extends
// every third of the lease until disposed; a failed extension is reported and tried again on the next
// beat (the lease still has two thirds left). Used by the inbox and the outbox workers alike.
internal sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly Task beating;

    private LeaseHeartbeat(TimeSpan lease, Func<CancellationToken, Task> extend, Action<Exception> failed, TimeProvider clock, CancellationToken ct)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        beating = BeatAsync(Interval(lease), extend, failed, clock, stop.Token);
    }

    public static TimeSpan Interval(TimeSpan lease) => lease / 3;

    public static LeaseHeartbeat Start(TimeSpan lease, Func<CancellationToken, Task> extend, Action<Exception> failed, TimeProvider clock, CancellationToken ct) =>
        new(lease, extend, failed, clock, ct);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await beating;
        stop.Dispose();
    }

    private static async Task BeatAsync(TimeSpan every, Func<CancellationToken, Task> extend, Action<Exception> failed, TimeProvider clock, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, ct);
                await extend(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failed(e);
            }
        }
    }
}
