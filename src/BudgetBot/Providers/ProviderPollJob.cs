using BudgetBot.Budgets;
using BudgetBot.Scheduling;
using Cronos;
using Microsoft.Extensions.Options;

namespace BudgetBot.Providers;

// poll-anthropic / poll-openai: hourly, re-read the last LookbackDays UTC days (providers revise them)
// and reconcile. Without an admin key it does nothing. Failures propagate to the scheduler.
internal sealed class ProviderPollJob<TReports>(
    TReports reports,
    Reconciler reconciler,
    TimeProvider clock,
    IOptions<ProvidersOptions> options,
    ILogger<ProviderPollJob<TReports>> logger) : IScheduledJob
    where TReports : IProviderReports
{
    private static readonly CronExpression Hourly = CronExpression.Parse("0 * * * *");

    public string Name => "poll-" + reports.Provider;

    // Always scheduled: a key added to configuration later takes effect at the next hour.
    public CronExpression? Schedule(BudgetPolicy policy) => Hourly;

    public async Task RunAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        if (!reports.IsConfigured)
        {
            ProvidersLog.NotConfigured(logger, reports.Provider);
            return;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-Math.Max(1, options.Value.LookbackDays));
        var to = today.AddDays(1);
        var report = await reports.FetchAsync(from, to, ct);
        var lines = await reconciler.ReconcileAsync(report, ct);
        foreach (var line in lines.Where(l => l.RemainderMicros < 0))
        {
            ProvidersLog.NegativeRemainder(logger, line.Provider, line.Day, line.Account, Money.FromMicros(line.RemainderMicros));
        }
        ProvidersLog.Reconciled(logger, reports.Provider, from, to, lines.Count,
            Money.FromMicros(lines.Sum(l => l.BilledMicros)), Money.FromMicros(lines.Sum(l => l.ReportedMicros)),
            Money.FromMicros(lines.Sum(l => l.RemainderMicros)));
    }
}
