using BudgetBot.GitHub;
using BudgetBot.Scheduling;
using BudgetBot.Slack;
using BudgetBot.Usage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BudgetBot.Alerts;

internal static class AlertsExtensions
{
    // Threshold and runaway alerts after usage is stored, and the digest job. The request and
    // merged-PR readers default to "none" / "unknown" until their features register real ones.
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<AlertQueries>();
        builder.Services.AddSingleton<ThresholdAlerts>();
        builder.Services.AddSingleton<RunawayAlerts>();
        builder.Services.AddSingleton<IUsageObserver, AlertObserver>();
        builder.Services.AddSingleton<DigestBuilder>();
        builder.Services.AddSingleton<IScheduledJob, DigestJob>();
        builder.Services.TryAddSingleton<IPendingRequests, NoPendingRequests>();
        builder.Services.TryAddSingleton<IMergedPullRequests, NoMergedPullRequests>();
        return builder;
    }
}
