
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
