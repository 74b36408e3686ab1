using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace BudgetBot.Pricing;

// The dated list-price table. Prices change; AsOf says which table a cost was computed with so that
// history can be re-priced against a newer one.
internal sealed partial class PriceCatalog
{
    private const string ResourceName = "BudgetBot.Pricing.prices.json";
    private const string LongContextSuffix = "[1m]";

    private static readonly Lazy<PriceCatalog> Embedded = new(ReadEmbedded);

    private readonly IReadOnlyList<ModelPrice> models;
    private readonly FrozenDictionary<string, ModelPrice> byName;

    internal PriceCatalog(string asOf, IReadOnlyList<ModelPrice> models, IReadOnlyDictionary<string, ModelPrice> byName)
    {
        AsOf = asOf;
        this.models = models;
        this.byName = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public string AsOf { get; }

    public IEnumerable<ModelPrice> Models => models;

    public static PriceCatalog LoadEmbedded() => Embedded.Value;

    // Throws InvalidDataException naming the offending field when the JSON is malformed.
    public static PriceCatalog Parse(string json) => PriceCatalogJson.Parse(json);

    // Model names arrive in many spellings: canonical ("claude-sonnet-4-5"), dated
    // ("claude-sonnet-4-5-20250929", "gpt-4.1-2025-04-14"), provider-prefixed ("anthropic/…",
    // "gemini/…") and with Claude Code's "[1m]" context marker. A dated id the table does not list
    // falls back to its undated model, assuming a new snapshot keeps its family's price.
    public bool TryGet(string model, [NotNullWhen(true)] out ModelPrice? price)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Trim();
        if (byName.TryGetValue(name, out price))
        {
            return true;
        }

        if (name.EndsWith(LongContextSuffix, StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^LongContextSuffix.Length];
        }

        name = name[(name.LastIndexOf('/') + 1)..];
        if (byName.TryGetValue(name, out price))
        {
            return true;
        }

        var undated = DateSuffix().Replace(name, string.Empty);
        if (undated.Length != name.Length && byName.TryGetValue(undated, out price))
        {
            return true;
        }

        price = null;
        return false;
    }

    private static PriceCatalog ReadEmbedded()
    {
        using var stream = typeof(PriceCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    // Anthropic dates its ids -YYYYMMDD, OpenAI -YYYY-MM-DD.
    [GeneratedRegex("-(?:[0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateSuffix();
}
