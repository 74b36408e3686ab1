using BudgetBot.Scheduling;
using BudgetBot.Usage;

namespace BudgetBot.Alerts;

internal static class AlertsExtensions
{
    // Threshold, forecast, runaway and anomaly alerts after usage is stored, and the digest job. The digest reads pending
    // requests and merged PRs through IPendingRequests and IMergedPullRequests, which Slack and GitHub
    // register: each feature registers only the types of its own folder.
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<AlertQueries>();
        builder.Services.AddSingleton<ThresholdAlerts>();
        builder.Services.AddSingleton<RunawayAlerts>();
        builder.Services.AddSingleton<ForecastAlerts>();
        builder.Services.AddSingleton<AnomalyAlerts>();
        builder.Services.AddSingleton<IUsageEffect, AlertCheckEffect>();
        builder.Services.AddSingleton<AlertSender>();
        builder.Services.AddSingleton<BudgetBot.Outbox.IOutboxSender>(sp => sp.GetRequiredService<AlertSender>());
        builder.Services.AddSingleton<DigestBuilder>();
        builder.Services.AddSingleton<IScheduledJob, DigestJob>();
        return builder;
    }
}
