namespace BudgetBot.Usage;

// Holds the catalog in use. The embedded catalog is the default; Replace lets a newer catalog file
// (Pricing:CatalogPath, see Usage/CatalogReload) take over without a restart.
internal sealed class PriceCatalogProvider(PriceCatalog initial)
{
    private PriceCatalog current = initial;

    public PriceCatalog Current => Volatile.Read(ref current);

    public void Replace(PriceCatalog catalog) => Volatile.Write(ref current, catalog);
}

internal static class PricingExtensions
{
    public static IHostApplicationBuilder AddPricing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new PriceCatalogProvider(PriceCatalog.LoadEmbedded()));
        return builder;
    }
}
