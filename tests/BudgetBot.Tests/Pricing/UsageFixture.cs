using System.Text.Json;
using BudgetBot.Usage;

namespace BudgetBot.Tests.Pricing;

// Reads the copies of shared/fixtures/usage that the test project ships beside its binaries.
internal static class UsageFixture
{
    public static JsonElement Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(name)));
        return document.RootElement.Clone();
    }

    public static IEnumerable<JsonElement> Lines(string name) =>
        File.ReadLines(PathOf(name))
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                using var document = JsonDocument.Parse(line);
                return document.RootElement.Clone();
            });

    public static ModelPrice Price(string model) =>
        PriceCatalog.LoadEmbedded().TryGet(model, out var price)
            ? price
            : throw new InvalidOperationException($"Embedded catalog has no price for {model}.");

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "usage", name);
}
