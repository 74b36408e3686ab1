namespace BudgetBot.Outbox;

// One destination's queue in the outbox worker: its own wake-up, its own drain. Channel null is the
// lane of rows whose channel has no sender (they are skipped, not left waiting).
internal sealed class Lane(string? channel)
{
    private readonly SemaphoreSlim wake = new(0);

    // One drain at a time per lane, so a test's DrainAsync waits for the loop's and then sees it done.
    public SemaphoreSlim Draining { get; } = new(1, 1);

    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    public Task WaitAsync(CancellationToken ct) =>
        wake.WaitAsync(TimeSpan.FromSeconds(1), ct).ContinueWith(_ => { }, TaskScheduler.Default);

    public string? Channel => channel;
}
