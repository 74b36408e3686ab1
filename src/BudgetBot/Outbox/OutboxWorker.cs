namespace BudgetBot.Outbox;

// Sends due outbox rows through the sender of their channel. Woken at once by Notify (after an
// enqueue) and otherwise polls; with several instances the leases keep each row to one sender.
internal sealed partial class OutboxWorker(
    OutboxStore store,
    IEnumerable<IOutboxSender> senders,
    TimeProvider clock,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly string owner = $"{Environment.MachineName}:{Guid.NewGuid():N}";
    private readonly SemaphoreSlim wake = new(0);
    private readonly Dictionary<string, IOutboxSender> byChannel = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    public void Notify()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    // Sends everything due now; tests call it directly to stay deterministic.
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        var handled = 0;
        while (await store.ClaimAsync(owner, 20, Lease, ct) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                await SendAsync(message, ct);
                handled++;
            }
        }
        return handled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
            await wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!byChannel.TryGetValue(message.Channel, out var sender))
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
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            result = OutboxResult.Retry(e.Message);
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
                await store.FinishAsync(message.Id, owner, "failed", result.Error, ct);
                break;
            default:
                var delay = result.RetryAfter ?? Backoff(message.Attempts);
                LogRetry(logger, message.Id, message.Target, delay, result.Error);
                await store.RescheduleAsync(message.Id, owner, clock.GetUtcNow() + delay, result.Error, ct);
                break;
        }
    }

    // 2, 4, 8 … seconds, capped at 10 minutes.
    internal static TimeSpan Backoff(long attempts) => TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, attempts + 1)));

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Outbox message {Id} to {Target} will be retried in {Delay}: {Error}")]
    private static partial void LogRetry(ILogger logger, long id, string target, TimeSpan delay, string? error);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Outbox message {Id} to {Target} failed for good and is kept for inspection: {Error}")]
    private static partial void LogPoison(ILogger logger, long id, string target, string? error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "No sender for outbox channel {Channel}; {Kind} to {Target} skipped")]
    private static partial void LogNoSender(ILogger logger, string channel, string kind, string target);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Outbox drain failed; retrying on the next tick")]
    private static partial void LogDrainFailed(ILogger logger, Exception e);
}
