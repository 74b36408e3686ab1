using System.Globalization;
using BudgetBot.Pricing;

namespace BudgetBot.Tests.Pricing;

internal static class PriceCatalogTestData
{
    // A catalog that knows one model more than the embedded one: "the catalog learns a model".
    public static PriceCatalog WithExtraModel(string id, decimal input, decimal output)
    {
        using var stream = typeof(PriceCatalog).Assembly.GetManifestResourceStream("BudgetBot.Pricing.prices.json")!;
        var json = new StreamReader(stream).ReadToEnd();
        var entry = string.Create(CultureInfo.InvariantCulture,
            $$"""{ "id": "{{id}}", "provider": "anthropic", "aliases": [], "input": {{input}}, "output": {{output}}, "cacheRead": 0, "cacheWrite5m": null, "cacheWrite1h": null, "batchDiscount": 0 },""");
        var at = json.IndexOf("\"models\": [", StringComparison.Ordinal) + "\"models\": [".Length;
        return PriceCatalog.Parse(json.Insert(at, entry));
    }
}
