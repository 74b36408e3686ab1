using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace BudgetBot.Usage;

// The dated list-price table, built from pydantic's genai-prices data (PROVENANCE.md). AsOf says
// which table a cost was computed with so that history can be re-priced against a newer one.
internal sealed class PriceCatalog
{
    public const string EmbeddedAsOf = "2026-08-21";
    private const string ResourceName = "BudgetBot.Usage.Pricing.genai-prices.json";
    private const int CacheLimit = 10_000;

    private static readonly Lazy<PriceCatalog> Embedded = new(ReadEmbedded);

    private readonly Dictionary<string, CatalogVendor> byId;
    private readonly ConcurrentDictionary<(string Model, string? Provider, string? Source), Match?> cache = new();

    // Entries added since the cache was last cleared; ConcurrentDictionary.Count takes every bucket's
    // lock, which made each resolution contend with every other (a third of pricing's time).
    private int cached;

    internal PriceCatalog(string asOf, IReadOnlyList<CatalogVendor> vendors)
    {
        AsOf = asOf;
        Vendors = vendors;
        byId = vendors.ToDictionary(v => v.Id, StringComparer.Ordinal);
    }

    public string AsOf { get; }

    public IReadOnlyList<CatalogVendor> Vendors { get; }

    // The first-party entries (vendors that own model names) at their latest price.
    public IEnumerable<ModelPrice> Models =>
        Vendors.Where(v => v.ModelMatch is not null).SelectMany(v => v.Models)
            .Select(m => m.PriceAt(DateTimeOffset.MaxValue)).OfType<ModelPrice>();

    public static PriceCatalog LoadEmbedded() => Embedded.Value;

    // Throws InvalidDataException listing every problem with its JSON path.
    public static PriceCatalog Parse(string json, string asOf = EmbeddedAsOf)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new CatalogErrors();
        var vendors = GenAiPricesJson.Read(json, errors);
        return errors.Any
            ? throw new InvalidDataException($"Price catalog has {errors.Items.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors.Items)}")
            : new PriceCatalog(asOf, vendors);
    }

    public static IReadOnlyList<string> Check(string json)
    {
        var errors = new CatalogErrors();
        GenAiPricesJson.Read(json, errors);
        return errors.Items;
    }

    public bool TryGet(string model, [NotNullWhen(true)] out ModelPrice? price)
    {
        price = Resolve(model)?.Price;
        return price is not null;
    }

    // Explicit provider first, then the id's shape (Bedrock, Vertex, a gateway prefix), then the
    // source's name, then the vendor whose own model names match. An id nothing matches is null:
    // the event stays unpriced until a catalog that knows it is deployed.
    public PriceResolution? Resolve(string model, string? provider = null, string? source = null, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var key = (model, provider, source);
        if (!cache.TryGetValue(key, out var match))
        {
            if (Interlocked.Increment(ref cached) > CacheLimit)
            {
                cache.Clear();
                Interlocked.Exchange(ref cached, 1);
            }
            match = cache.GetOrAdd(key, k => Find(k.Model, k.Provider, k.Source));
        }
        return match is { } m && m.Model.PriceAt(at ?? DateTimeOffset.MaxValue) is { } price
            ? new PriceResolution(m.Vendor.Id, m.Model.Id, m.Canonical, price with { Id = m.Canonical })
            : null;
    }

    private Match? Find(string model, string? provider, string? source)
    {
        var id = ModelIds.Clean(model);
        if (id.Length == 0)
        {
            return null;
        }
        var bare = ModelIds.Bare(id);
        var named = provider is { Length: > 0 } p ? VendorNamed(p) : null;
        var vendor = named ?? (ModelIds.VendorOfShape(id) is { } shape ? byId.GetValueOrDefault(shape) : null)
            ?? (id.Contains('/', StringComparison.Ordinal) && byId.GetValueOrDefault("openrouter") is { } gateway && gateway.Find(id) is not null ? gateway : null)
            ?? (source is { Length: > 0 } s ? VendorNamed(s) : null);
        var found = vendor is not null ? InVendor(vendor, id) ?? InVendor(vendor, bare) : null;
        found ??= FirstParty(bare);
        // The vendor that served the request stays the one named or inferred even when its table
        // does not list the model and a fallback's (or the first party's) price is used.
        return found is { } f ? new Match(vendor ?? f.Vendor, f.Model, Canonical(bare) ?? f.Model.Id) : null;
    }

    // The first-party entry of the bare id names the model in reports, whichever vendor billed it.
    private string? Canonical(string bare) => FirstParty(bare)?.Model.Id;

    private (CatalogVendor Vendor, CatalogModel Model)? FirstParty(string bare)
    {
        foreach (var candidate in new[] { bare, ModelIds.Undated(bare) }.OfType<string>())
        {
            if (Vendors.FirstOrDefault(v => v.ModelMatch?.IsMatch(candidate) == true) is { } owner && InVendor(owner, candidate) is { } hit)
            {
                return hit;
            }
        }
        return null;
    }

    private (CatalogVendor Vendor, CatalogModel Model)? InVendor(CatalogVendor vendor, string id, int depth = 0)
    {
        if (vendor.Find(id) is { } model)
        {
            return (vendor, model);
        }
        foreach (var fallback in vendor.Fallbacks.Where(_ => depth < 3))
        {
            if (byId.GetValueOrDefault(fallback) is { } other && InVendor(other, id, depth + 1) is { } hit)
            {
                return hit;
            }
        }
        return ModelIds.Undated(id) is { } undated && depth == 0 && vendor.Find(undated) is { } dated ? (vendor, dated) : null;
    }

    // As genai-prices: the vendor id itself, then its provider-name rule ("bedrock" is aws).
    private CatalogVendor? VendorNamed(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        return byId.GetValueOrDefault(key) ?? Vendors.FirstOrDefault(v => v.ProviderMatch?.IsMatch(key) == true);
    }

    private static PriceCatalog ReadEmbedded()
    {
        using var stream = typeof(PriceCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private sealed record Match(CatalogVendor Vendor, CatalogModel Model, string Canonical);
}

// What a model id resolves to: the vendor that served it (aws for a Bedrock id), the price entry it
// matched (the vendor's own, else a fallback's or the first party's), the one canonical model
// reports show, and the price in force.
internal sealed record PriceResolution(string Vendor, string Entry, string CanonicalModel, ModelPrice Price);

internal static class CatalogFile
{
    // A catalog file is dated by its last write: genai-prices data carries no date of its own.
    public static string AsOf(string path) =>
        DateOnly.FromDateTime(File.GetLastWriteTimeUtc(path)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
