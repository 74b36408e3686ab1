using BudgetBot.Budgets;
using Microsoft.Extensions.Options;

namespace BudgetBot.Scheduling;

// The one hosted scheduler (DESIGN §2). Each tick re-reads every job's schedule from the current
// policy, runs the latest occurrence that fell due since the last tick (never a backlog), each in its
// own DI scope after claiming its job_runs row, then sleeps on the injected TimeProvider until the next
// occurrence, at most an hour, or until the policy reloads.
internal sealed partial class Scheduler(
    IServiceScopeFactory scopes,
    IPolicyProvider policy,
    JobRunStore runs,
    TimeProvider clock,
    IOptions<SchedulingOptions> options,
    ILogger<Scheduler> logger) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromHours(1);
    private readonly string owner = $"{Environment.MachineName}:{Guid.NewGuid():N}";
    private readonly Dictionary<string, DateTimeOffset> cursors = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    // Runs what is due at `now`; returns the names of the jobs whose occurrence this instance ran.
    public async Task<IReadOnlyList<string>> RunDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            var ran = new List<string>();
            var current = policy.Current;
            foreach (var (name, cron) in Schedules(current))
            {
                var after = cursors.TryGetValue(name, out var cursor) ? cursor : await FirstCursorAsync(name, now, ct);
                cursors[name] = now;
                if (Occurrences.Latest(cron, current.TimeZone, after, now) is { } occurrence && await RunOnceAsync(name, occurrence, ct))
                {
                    ran.Add(name);
                }
            }
            return ran;
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled(logger);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var reload = policy.GetReloadToken();
            var now = clock.GetUtcNow();
            try
            {
                await RunDueAsync(now, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTickFailed(logger, e);
            }
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            using var onReload = reload.RegisterChangeCallback(s => ((CancellationTokenSource)s!).Cancel(), wake);
            // From the clock as it is now, not as it was before the jobs ran, so a long run does not oversleep.
            await Task.Delay(SleepAfter(clock.GetUtcNow()), clock, wake.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private TimeSpan SleepAfter(DateTimeOffset now)
    {
        var current = policy.Current;
        var sleep = MaxSleep;
        foreach (var (_, cron) in Schedules(current))
        {
            if (Occurrences.Next(cron, current.TimeZone, now) is { } next && next - now < sleep)
            {
                sleep = next - now;
            }
        }
        return sleep > TimeSpan.Zero ? sleep : TimeSpan.FromMilliseconds(1);
    }

    private List<(string Name, Cronos.CronExpression Cron)> Schedules(BudgetPolicy current)
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetServices<IScheduledJob>()
            .Select(j => (j.Name, Cron: j.Schedule(current)))
            .Where(j => j.Cron is not null)
            .Select(j => (j.Name, j.Cron!))
            .ToList();
    }

    // A job this instance has not seen yet: if it ran before (on any instance), everything after its
    // last recorded occurrence counts as missed, so the latest missed one runs now; a job that never
    // ran starts from now (a fresh install does not send yesterday's digest). An occurrence at
    // exactly `now` still counts.
    private async Task<DateTimeOffset> FirstCursorAsync(string name, DateTimeOffset now, CancellationToken ct) =>
        await runs.LastOccurrenceAsync(name, ct) ?? now - TimeSpan.FromTicks(1);

    private async Task<bool> RunOnceAsync(string name, DateTimeOffset occurrence, CancellationToken ct)
    {
        if (!await runs.TryClaimAsync(name, occurrence, owner, clock.GetUtcNow(), ct))
        {
            LogAlreadyClaimed(logger, name, occurrence);
            return false;
        }
        LogStarting(logger, name, occurrence);
        string? error = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = scope.ServiceProvider.GetServices<IScheduledJob>().First(j => j.Name == name);
            await job.RunAsync(occurrence, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Not retried in a loop: the claimed row stands, and the job runs again at its next occurrence.
            error = e.GetType().Name + ": " + e.Message;
            LogFailed(logger, name, occurrence, e);
        }
        await runs.FinishAsync(name, occurrence, error, clock.GetUtcNow(), ct);
        return true;
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Scheduler disabled by Scheduling:Enabled=false")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Running job {Job} for occurrence {Occurrence:o}")]
    private static partial void LogStarting(ILogger logger, string job, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "Job {Job} occurrence {Occurrence:o} already claimed elsewhere")]
    private static partial void LogAlreadyClaimed(ILogger logger, string job, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Job {Job} failed for occurrence {Occurrence:o}; it runs again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, string job, DateTimeOffset occurrence, Exception e);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Scheduler tick failed; trying again at the next tick")]
    private static partial void LogTickFailed(ILogger logger, Exception e);
}
