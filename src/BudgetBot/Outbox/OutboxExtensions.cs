namespace BudgetBot.Outbox;

internal static class OutboxExtensions
{
    public static IHostApplicationBuilder AddOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<OutboxStore>();
        builder.Services.AddSingleton<OutboxMetrics>();
        // The senders wake the worker after they enqueue (an alert check posts to Slack), so the worker
        // takes them lazily: a constructor argument would be a construction cycle.
        builder.Services.AddSingleton(sp => new Lazy<IReadOnlyList<IOutboxSender>>(() => [.. sp.GetServices<IOutboxSender>()]));
        builder.Services.AddSingleton<OutboxWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        return builder;
    }
}
