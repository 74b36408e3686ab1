using System.Text.Json;

namespace BudgetBot.Pricing;

// Typed field access for PriceCatalogJson whose errors say where in the file the problem is.
internal readonly record struct JsonPath(string Value)
{
    public JsonPath Field(string name) => new($"{Value}.{name}");

    public JsonPath Item(string name, int index) => new($"{Value}.{name}[{index}]");

    public InvalidDataException Error(string field, string problem) =>
        new($"Price catalog field {Value}.{field} {problem}.");

    public void ExpectOnly(JsonElement element, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"Price catalog field {Value} must be an object.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(property.Name, "is not a known field (check its spelling)");
            }
        }
    }

    public JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw Error(name, "is missing");

    public string String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw Error(name, "must be a string");

    // Ids and aliases: non-empty and without spaces, since they are matched against provider model ids.
    public string Name(JsonElement element, string name)
    {
        var value = String(element, name);
        return value.Length > 0 && !value.Any(char.IsWhiteSpace) ? value : throw Error(name, "must be a non-empty name without spaces");
    }

    public string Name(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s && !s.Any(char.IsWhiteSpace)
            ? s
            : throw new InvalidDataException($"Price catalog field {Value} must be a non-empty name without spaces.");

    public JsonElement Array(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } value ? value : throw Error(name, "must be an array");

    public decimal Rate(JsonElement element, string name) =>
        NullableRate(element, name) ?? throw Error(name, "must be a number, not null");

    // Present and null means "the provider has no such charge"; absent is an error so that a
    // forgotten field is not mistaken for a deliberate null.
    public decimal? NullableRate(JsonElement element, string name)
    {
        var value = Property(element, name);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var rate) && rate >= 0m
            ? rate
            : throw Error(name, "must be a non-negative number");
    }
}
