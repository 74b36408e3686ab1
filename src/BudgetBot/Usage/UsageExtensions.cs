
namespace BudgetBot.Usage;

internal static class UsageExtensions
{
    public static IHostApplicationBuilder AddUsage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UsageStore>();
        builder.Services.AddSingleton<UsageRollups>();
        builder.Services.AddSingleton<UsageIngestor>();
        builder.Services.AddSingleton<Repricer>();
        builder.Services.AddHostedService<RepriceOnStart>();
        builder.Services.AddOptions<PricingOptions>().BindConfiguration("Pricing");
        builder.Services.AddSingleton<CatalogReload>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CatalogReload>());
        return builder;
    }
}

// A new release may ship a catalog that knows models earlier events used.
internal sealed class RepriceOnStart(Repricer repricer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => repricer.RepriceAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
