using BudgetBot.Storage;

namespace BudgetBot.GitHub;

// Processes stored deliveries: claims due rows under a lease, hands each to a GitHubWebhookProcessor of
// its own (a scope per delivery), retries failures with exponential back-off and after MaxAttempts
// keeps the row as poison (with its last error) until `budgetbot inbox replay` requeues it.
internal sealed partial class InboxWorker(
    InboxStore store,
    IServiceScopeFactory scopes,
    InstanceIdentity instance,
    TimeProvider clock,
    ILogger<InboxWorker> logger) : BackgroundService
{
    private const int ClaimBatch = 20;
    internal static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(25);
    // Short, so a killed instance's deliveries are taken over soon; a heartbeat keeps a slow one's lease.
    internal static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly string owner = instance.Id;
    private readonly SemaphoreSlim wake = new(0);
    // One drain at a time per process, so a test's DrainAsync waits for the loop's and then sees everything done.
    private readonly SemaphoreSlim draining = new(1, 1);

    public void Notify()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    // Processes everything due now; tests call it directly to stay deterministic.
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        await draining.WaitAsync(ct);
        try
        {
            var handled = 0;
            List<InboxDelivery> batch;
            do
            {
                batch = await store.ClaimAsync(owner, ClaimBatch, Lease, ct);
                if (batch.Count == 0)
                {
                    break;
                }
                await using var heartbeat = LeaseHeartbeat.Start(
                    Lease, beat => store.ExtendAsync(owner, Lease, beat), e => LogDrainFailed(logger, e), clock, ct);
                foreach (var delivery in batch)
                {
                    await ProcessAsync(delivery, ct);
                    handled++;
                }
            }
            // A short batch took everything due when it was claimed; a delivery stored since then has
            // called Notify, so the loop comes back without a claim that finds nothing (a write
            // transaction of its own).
            while (batch.Count == ClaimBatch);
            return handled;
        }
        finally
        {
            draining.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ReclaimAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDrainFailed(logger, e);
            }
            if (await wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
            {
                // Woken by a delivery just stored: let its acknowledgement leave first, and gather the
                // deliveries of a burst into one claim. Starting at once put the worker's parse on the
                // same cores as that response; this wait halved the median acknowledgement
                // (docs/BENCHMARKS.md). Processing is asynchronous anyway: 25 ms cost nobody anything.
                // Real time, like the 1 s poll above, not the injected clock: it paces this process.
                await Task.Delay(Gather, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    // What this instance held when it stopped (killed mid-delivery) is taken back at once, not after the lease.
    private async Task ReclaimAsync(CancellationToken ct)
    {
        try
        {
            if (await store.ReleaseAsync(owner, ct) is > 0 and var released)
            {
                LogReclaimed(logger, released, owner);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDrainFailed(logger, e);
        }
    }

    // Whatever one delivery throws, in its handler or in recording its failure, is that delivery's
    // alone: the drain goes on with the next one. A row whose failure could not even be recorded
    // keeps its lease and is claimed again when the lease ends.
    private async Task ProcessAsync(InboxDelivery delivery, CancellationToken ct)
    {
        try
        {
            await ProcessOneAsync(delivery, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogNotRecorded(logger, e, delivery.DeliveryId, delivery.Event);
        }
    }

    private async Task ProcessOneAsync(InboxDelivery delivery, CancellationToken ct)
    {
        DeliveryOutcome outcome;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            outcome = await scope.ServiceProvider.GetRequiredService<GitHubWebhookProcessor>().ProcessStoredAsync(delivery, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var delay = Backoff(delivery.Attempts);
            if (delivery.Attempts + 1 >= InboxStore.MaxAttempts)
            {
                LogPoison(logger, e, delivery.DeliveryId, delivery.Event, delivery.Attempts + 1);
            }
            else
            {
                LogRetry(logger, e, delivery.DeliveryId, delivery.Event, delay);
            }
            await store.RescheduleAsync(delivery.Id, owner, clock.GetUtcNow() + delay, GitHubWebhookProcessor.ActionOf(delivery.Body), e.GetType().Name + ": " + e.Message, ct);
            return;
        }
        switch (outcome.State)
        {
            case DeliveryOutcome.Unparsed:
                LogUnparsed(logger, delivery.DeliveryId, delivery.Event, outcome.Action, outcome.Why);
                break;
            case DeliveryOutcome.Ignored:
                LogIgnored(logger, delivery.DeliveryId, delivery.Event, outcome.Why);
                break;
            default:
                break;
        }
        await store.FinishAsync(delivery.Id, owner, outcome.State, outcome.Action, outcome.Why, ct);
    }

    // 2, 4, 8 … seconds, capped at 10 minutes.
    internal static TimeSpan Backoff(long attempts) => TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, attempts + 1)));

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "GitHub delivery {Delivery} ({Event}) failed; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, Exception e, string delivery, string @event, TimeSpan delay);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "GitHub delivery {Delivery} ({Event}) failed {Attempts} times and is kept as poison; `budgetbot inbox replay` requeues it")]
    private static partial void LogPoison(ILogger logger, Exception e, string delivery, string @event, long attempts);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "GitHub delivery {Delivery} ({Event}, action {Action}) can never be handled as it is; kept as unparsed for `inbox replay --include-unparsed`: {Reason}")]
    private static partial void LogUnparsed(ILogger logger, string delivery, string @event, string? action, string? reason);

    [LoggerMessage(EventId = 15000, Level = LogLevel.Information, Message = "GitHub delivery {Delivery} ({Event}) ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string delivery, string @event, string? reason);

    [LoggerMessage(EventId = 15001, Level = LogLevel.Error, Message = "GitHub delivery {Delivery} ({Event}) failed and its failure could not be recorded; it is claimed again when its lease ends")]
    private static partial void LogNotRecorded(ILogger logger, Exception e, string delivery, string @event);

    [LoggerMessage(EventId = 15502, Level = LogLevel.Information, Message = "Took back {Count} GitHub delivery(ies) this instance ({Owner}) held when it stopped")]
    private static partial void LogReclaimed(ILogger logger, int count, string owner);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Error, Message = "Inbox drain failed; retrying on the next tick")]
    private static partial void LogDrainFailed(ILogger logger, Exception e);
}

// How one delivery ended, as its inbox state: done, ignored (an action BudgetBot does not handle)
// or unparsed (it can never be handled as it is); Why says why for the last two.
internal sealed record DeliveryOutcome(string? Action, string State = DeliveryOutcome.Done, string? Why = null)
{
    public const string Done = "done";
    public const string Ignored = "ignored";
    public const string Unparsed = "unparsed";
}
