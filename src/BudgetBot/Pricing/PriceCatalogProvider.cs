namespace BudgetBot.Pricing;

// Holds the catalog in use. The embedded catalog is the default; Replace exists so that a newer
// catalog (and the tests' "catalog learns a model" case) can take over without a restart.
internal sealed class PriceCatalogProvider(PriceCatalog initial)
{
    private PriceCatalog current = initial;

    public PriceCatalog Current => Volatile.Read(ref current);

    public void Replace(PriceCatalog catalog) => Volatile.Write(ref current, catalog);
}
