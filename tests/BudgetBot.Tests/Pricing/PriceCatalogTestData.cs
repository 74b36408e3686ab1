using System.Globalization;
using BudgetBot.Usage;

namespace BudgetBot.Tests.Pricing;

internal static class PriceCatalogTestData
{
    public static string EmbeddedJson()
    {
        using var stream = typeof(PriceCatalog).Assembly.GetManifestResourceStream("BudgetBot.Usage.Pricing.genai-prices.json")!;
        return new StreamReader(stream).ReadToEnd();
    }

    // A catalog that knows one model more than the embedded one: "the catalog learns a model".
    public static PriceCatalog WithExtraModel(string id, decimal input, decimal output) =>
        PriceCatalog.Parse(JsonWithExtraModel(id, input, output), "2027-01-01");

    // The new entry goes first in Anthropic's list, so it wins over any broader rule of the table.
    public static string JsonWithExtraModel(string id, decimal input, decimal output)
    {
        var json = EmbeddedJson();
        var entry = string.Create(CultureInfo.InvariantCulture,
            $$$"""{"id":"{{{id}}}","match":{"starts_with":"{{{id}}}"},"prices":{"input_mtok":{{{input}}},"output_mtok":{{{output}}}}},""");
        var at = json.IndexOf("\"models\":[", StringComparison.Ordinal) + "\"models\":[".Length;
        return json.Insert(at, entry);
    }
}
