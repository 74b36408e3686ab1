namespace BudgetBot.Usage;

internal static class PricingExtensions
{
    public static IHostApplicationBuilder AddPricing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new PriceCatalogProvider(PriceCatalog.LoadEmbedded()));
        return builder;
    }
}
