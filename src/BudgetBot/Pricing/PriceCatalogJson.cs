using System.Globalization;
using System.Text.Json;

namespace BudgetBot.Pricing;

// Reads prices.json strictly: a missing, misspelt or mistyped field is an error, never a silent zero,
// because a zero rate would make spend invisible to every budget.
internal static class PriceCatalogJson
{
    private static readonly string[] TopLevelFields = ["asOf", "source", "notes", "models"];
    private static readonly string[] ModelFields =
        ["id", "provider", "source", "aliases", "input", "output", "cacheRead", "cacheWrite5m", "cacheWrite1h", "longContext", "batchDiscount"];
    private static readonly string[] TierFields =
        ["aboveInputTokens", "input", "output", "cacheRead", "cacheWrite5m", "cacheWrite1h"];

    public static PriceCatalog Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Price catalog is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static PriceCatalog Read(JsonElement root)
    {
        var path = new JsonPath("$");
        path.ExpectOnly(root, TopLevelFields);
        var asOf = path.String(root, "asOf");
        if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw path.Error("asOf", $"must be a yyyy-MM-dd date, not '{asOf}'");
        }

        var modelsElement = path.Array(root, "models");
        var models = new List<ModelPrice>();
        var byName = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in modelsElement.EnumerateArray())
        {
            var at = new JsonPath($"$.models[{models.Count}]");
            var (price, aliases) = ReadModel(element, at);
            foreach (var name in aliases.Prepend(price.Id))
            {
                if (!byName.TryAdd(name, price))
                {
                    throw at.Error("aliases", $"'{name}' is already used by model '{byName[name].Id}'");
                }
            }

            models.Add(price);
        }

        if (models.Count == 0)
        {
            throw path.Error("models", "must list at least one model");
        }

        return new PriceCatalog(asOf, models, byName);
    }

    private static (ModelPrice Price, IReadOnlyList<string> Aliases) ReadModel(JsonElement model, JsonPath at)
    {
        at.ExpectOnly(model, ModelFields);
        var aliases = model.TryGetProperty("aliases", out _)
            ? at.Array(model, "aliases").EnumerateArray().Select((a, i) => at.Item("aliases", i).Name(a)).ToList()
            : [];
        var batchDiscount = at.Rate(model, "batchDiscount");
        if (batchDiscount >= 1m)
        {
            throw at.Error("batchDiscount", "must be a fraction below 1");
        }

        var price = new ModelPrice(
            Id: at.Name(model, "id"),
            Provider: at.Name(model, "provider"),
            Input: at.Rate(model, "input"),
            Output: at.Rate(model, "output"),
            CacheRead: at.Rate(model, "cacheRead"),
            CacheWrite5m: at.NullableRate(model, "cacheWrite5m"),
            CacheWrite1h: at.NullableRate(model, "cacheWrite1h"),
            LongContext: model.TryGetProperty("longContext", out var tier) ? ReadTier(tier, at.Field("longContext")) : null,
            BatchDiscount: batchDiscount);
        return (price, aliases);
    }

    private static LongContextTier ReadTier(JsonElement tier, JsonPath at)
    {
        at.ExpectOnly(tier, TierFields);
        var above = at.Property(tier, "aboveInputTokens");
        if (above.ValueKind != JsonValueKind.Number || !above.TryGetInt64(out var threshold) || threshold <= 0)
        {
            throw at.Error("aboveInputTokens", "must be a positive whole number of tokens");
        }

        return new LongContextTier(
            threshold,
            at.Rate(tier, "input"),
            at.Rate(tier, "output"),
            at.Rate(tier, "cacheRead"),
            at.NullableRate(tier, "cacheWrite5m"),
            at.NullableRate(tier, "cacheWrite1h"));
    }
}
