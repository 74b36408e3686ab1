using System.Text.Json;

namespace BudgetBot.Usage;

// Shape checks shared by the catalog reader; each records its problem with the path and carries on.
internal static class Fields
{
    public static bool Expect(JsonElement e, string path, string[] allowed, CatalogErrors errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be an object");
            return false;
        }
        foreach (var property in e.EnumerateObject().Where(p => !allowed.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add($"{path}.{property.Name}", "is not a known field (check its spelling)");
        }
        return true;
    }

    // Ids are matched against provider model ids, so they are non-empty and have no spaces.
    public static string? Name(JsonElement e, string name, string path, CatalogErrors errors)
    {
        if (e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } s && !s.Any(char.IsWhiteSpace))
        {
            return s;
        }
        errors.Add($"{path}.{name}", e.TryGetProperty(name, out _) ? "must be a non-empty name without spaces" : "is missing");
        return null;
    }
}
