using System.Collections.Concurrent;
using BudgetBot.Budgets;
using BudgetBot.Scheduling;
using Cronos;

namespace BudgetBot.Tests.Scheduling;

// A job that records each occurrence it ran and fails on the occurrences it is told to.
internal sealed class RecordingJob(string name, string cron, Func<BudgetPolicy, CronExpression?>? schedule = null) : IScheduledJob
{
    private readonly ConcurrentQueue<DateTimeOffset> runs = new();

    public string Name => name;

    public Func<DateTimeOffset, bool> FailsAt { get; init; } = _ => false;

    public IReadOnlyList<DateTimeOffset> Runs => runs.ToList();

    public CronExpression? Schedule(BudgetPolicy policy) => schedule is null ? CronExpression.Parse(cron) : schedule(policy);

    public async Task RunAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        runs.Enqueue(occurrence);
        await Task.Yield();
        if (FailsAt(occurrence))
        {
            throw new InvalidOperationException("the job failed on purpose");
        }
    }
}
