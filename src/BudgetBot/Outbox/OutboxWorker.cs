using BudgetBot.Storage;

namespace BudgetBot.Outbox;

// Sends due outbox rows through the sender of their channel. Each channel (github, slack, alerts) is
// a lane of its own, so a stuck GitHub call never holds up a Slack card; rows of a channel without a
// sender share one more lane. Woken at once by Notify (after an enqueue) and otherwise polls; leases
// keep each row to one sender across instances, and a heartbeat keeps a long send's lease alive.
internal sealed partial class OutboxWorker(
    OutboxStore store,
    Lazy<IReadOnlyList<IOutboxSender>> allSenders,
    InstanceIdentity instance,
    OutboxMetrics metrics,
    TimeProvider clock,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    internal static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan Heartbeat = LeaseHeartbeat.Interval(Lease);
    private const int ClaimBatch = 20;
    private readonly string owner = instance.Id;
    // Lazy (see AddOutbox): senders queue messages themselves (alert checks post to Slack) and wake
    // this worker, so they are resolved when first used, not when the worker is built.
    private readonly Lazy<Dictionary<string, IOutboxSender>> senders = new(() =>
        allSenders.Value.ToDictionary(s => s.Channel, StringComparer.Ordinal));
    private readonly Lazy<List<Lane>> lanes = new(() => Lanes([.. allSenders.Value.Select(s => s.Channel)]));

    private Dictionary<string, IOutboxSender> ByChannel => senders.Value;

    public void Notify()
    {
        foreach (var lane in lanes.Value)
        {
            lane.Wake();
        }
    }

    // Sends everything due now on every lane, until a pass finds nothing (an alert check queues Slack
    // posts); tests call it directly to stay deterministic.
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        var handled = 0;
        int pass;
        do
        {
            pass = (await Task.WhenAll(lanes.Value.Select(l => DrainAsync(l, ct)))).Sum();
            handled += pass;
        }
        while (pass > 0);
        return handled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var released = await store.ReleaseAsync(owner, stoppingToken);
            if (released > 0)
            {
                LogReclaimed(logger, released, owner);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDrainFailed(logger, e);
        }
        await Task.WhenAll(lanes.Value.Select(l => RunAsync(l, stoppingToken)));
    }

    private async Task RunAsync(Lane lane, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(lane, stoppingToken);
                metrics.Failed = await store.CountFailedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogDrainFailed(logger, e);
            }
            await lane.WaitAsync(stoppingToken);
        }
    }

    private async Task<int> DrainAsync(Lane lane, CancellationToken ct)
    {
        await lane.Draining.WaitAsync(ct);
        try
        {
            var handled = 0;
            var channels = lane.Channel is { } only ? [only] : (await store.PendingChannelsAsync(ct)).Except(ByChannel.Keys).ToList();
            foreach (var channel in channels)
            {
                while (await store.ClaimAsync(owner, ClaimBatch, Lease, ct, channel) is { Count: > 0 } batch)
                {
                    // Keeps the batch's leases alive while its rows are sent, so a long send is not taken over.
                    await using var heartbeat = LeaseHeartbeat.Start(
                        Lease, beat => store.ExtendAsync(channel, owner, Lease, beat), e => LogDrainFailed(logger, e), clock, ct);
                    foreach (var message in batch)
                    {
                        await SendAsync(message, ct);
                        handled++;
                    }
                }
            }
            return handled;
        }
        finally
        {
            lane.Draining.Release();
        }
    }

    private async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!ByChannel.TryGetValue(message.Channel, out var sender))
        {
            LogNoSender(logger, message.Channel, message.Kind, message.Target);
            await store.FinishAsync(message.Id, owner, "skipped", "no sender for channel " + message.Channel, ct);
            return;
        }
        OutboxResult result;
        try
        {
            result = await sender.SendAsync(message, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Whatever a sender throws (an HTML page answered 200, a bug) is this row's failed attempt.
            result = OutboxResult.Retry(Truncate(e.GetType().Name + ": " + e.Message)!);
        }
        switch (result.Outcome)
        {
            case OutboxOutcome.Sent:
                await store.FinishAsync(message.Id, owner, "sent", null, ct);
                break;
            case OutboxOutcome.Skipped:
                await store.FinishAsync(message.Id, owner, "skipped", result.Error, ct);
                break;
            case OutboxOutcome.Failed:
                LogPoison(logger, message.Id, message.Target, result.Error);
                await store.FinishAsync(message.Id, owner, "failed", Truncate(result.Error), ct);
                metrics.RowFailed(message.Channel);
                break;
            case OutboxOutcome.Waiting:
                LogWaiting(logger, message.Id, message.Target, result.RetryAfter!.Value, result.Error);
                await store.DeferAsync(message.Id, owner, clock.GetUtcNow() + result.RetryAfter!.Value, Truncate(result.Error), ct);
                break;
            default:
                var delay = result.RetryAfter ?? Backoff(message.Attempts);
                LogRetry(logger, message.Id, message.Target, delay, result.Error);
                await store.RescheduleAsync(message.Id, owner, clock.GetUtcNow() + delay, Truncate(result.Error), ct);
                if (message.Attempts + 1 >= OutboxStore.MaxAttempts)
                {
                    LogPoison(logger, message.Id, message.Target, result.Error);
                    metrics.RowFailed(message.Channel);
                }
                break;
        }
    }

    // 2, 4, 8 … seconds, capped at 10 minutes.
    internal static TimeSpan Backoff(long attempts) => TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, attempts + 1)));

    private static string? Truncate(string? error) => error is { Length: > 2000 } ? error[..2000] : error;

    private static List<Lane> Lanes(IReadOnlyList<string> channels) =>
        [.. channels.Distinct(StringComparer.Ordinal).Select(c => new Lane(c)), new Lane(null)];

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Outbox message {Id} to {Target} will be retried in {Delay}: {Error}")]
    private static partial void LogRetry(ILogger logger, long id, string target, TimeSpan delay, string? error);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Outbox message {Id} to {Target} failed for good and is kept for inspection; `budgetbot outbox replay` re-sends it: {Error}")]
    private static partial void LogPoison(ILogger logger, long id, string target, string? error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "No sender for outbox channel {Channel}; {Kind} to {Target} skipped")]
    private static partial void LogNoSender(ILogger logger, string channel, string kind, string target);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Outbox drain failed; retrying on the next tick")]
    private static partial void LogDrainFailed(ILogger logger, Exception e);

    [LoggerMessage(EventId = 15500, Level = LogLevel.Information, Message = "Outbox message {Id} to {Target} waits {Delay} as told (not an attempt): {Why}")]
    private static partial void LogWaiting(ILogger logger, long id, string target, TimeSpan delay, string? why);

    [LoggerMessage(EventId = 15501, Level = LogLevel.Information, Message = "Took back {Count} outbox message(s) this instance ({Owner}) held when it stopped")]
    private static partial void LogReclaimed(ILogger logger, int count, string owner);
}
