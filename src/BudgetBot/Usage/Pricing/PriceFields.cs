using System.Text.Json;

namespace BudgetBot.Usage;

// One genai-prices price object as BudgetBot's ModelPrice. Every field must be a non-negative number
// or {base, tiers}; fields BudgetBot does not bill (audio, images, searches) are checked and ignored.
// A single tier start shared by the token classes becomes the long-context tier; an entry without
// both an input and an output price is left unpriced (null), so its tokens are never billed at $0.
internal static class PriceFields
{
    public static ModelPrice? Read(JsonElement p, string path, string vendor, string id, CatalogErrors errors)
    {
        if (p.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "must be an object of prices");
            return null;
        }
        var rates = new Dictionary<string, (decimal Base, long? Start, decimal Tier)>(StringComparer.Ordinal);
        foreach (var field in p.EnumerateObject())
        {
            if (Rate(field.Value, $"{path}.{field.Name}", errors) is { } rate)
            {
                rates[field.Name] = rate;
            }
        }
        var starts = rates.Values.Select(r => r.Start).OfType<long>().Distinct().ToList();
        if (starts.Count > 1)
        {
            errors.Add(path, $"has tiers starting at different token counts ({string.Join(", ", starts)}); BudgetBot prices one long-context threshold per model");
            return null;
        }
        if (!rates.TryGetValue("input_mtok", out var input) || !rates.TryGetValue("output_mtok", out var output))
        {
            return null;
        }
        var read = rates.TryGetValue("cache_read_mtok", out var r) ? r : input;
        (decimal, long?, decimal)? write = rates.TryGetValue("cache_write_mtok", out var w) ? w : null;
        var write5m = rates.TryGetValue("cache_write_5m_mtok", out var w5) ? w5 : write;
        var write1h = rates.TryGetValue("cache_write_1h_mtok", out var w1) ? w1 : write;
        var tier = starts.Count == 1
            ? new LongContextTier(starts[0], input.Tier, output.Tier, read.Tier, write5m?.Item3, write1h?.Item3)
            : null;
        return new ModelPrice(id, vendor, input.Base, output.Base, read.Base, write5m?.Item1, write1h?.Item1, tier, ProviderDefaults.BatchDiscount(vendor));
    }

    // A plain number has no tier: its tier rate is the base rate.
    private static (decimal Base, long? Start, decimal Tier)? Rate(JsonElement v, string path, CatalogErrors errors)
    {
        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.TryGetDecimal(out var d) && d >= 0 ? (d, null, d) : Bad(path, "must be a non-negative number", errors);
        }
        if (v.ValueKind != JsonValueKind.Object)
        {
            return Bad(path, "must be a non-negative number or {base, tiers}", errors);
        }
        Fields.Expect(v, path, ["base", "tiers"], errors);
        if (!v.TryGetProperty("base", out var b) || b.ValueKind != JsonValueKind.Number || !b.TryGetDecimal(out var baseRate) || baseRate < 0)
        {
            return Bad($"{path}.base", "must be a non-negative number", errors);
        }
        if (!v.TryGetProperty("tiers", out var tiers) || tiers.ValueKind != JsonValueKind.Array || tiers.GetArrayLength() != 1)
        {
            return Bad($"{path}.tiers", "must be an array of exactly one {start, price} (BudgetBot prices one long-context tier)", errors);
        }
        var t = tiers[0];
        if (!Fields.Expect(t, $"{path}.tiers[0]", ["start", "price"], errors))
        {
            return null;
        }
        var start = t.TryGetProperty("start", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var st) && st > 0 ? st : (long?)null;
        var price = t.TryGetProperty("price", out var pr) && pr.ValueKind == JsonValueKind.Number && pr.TryGetDecimal(out var pd) && pd >= 0 ? pd : (decimal?)null;
        if (start is null)
        {
            errors.Add($"{path}.tiers[0].start", "must be a positive whole number of tokens");
        }
        if (price is null)
        {
            errors.Add($"{path}.tiers[0].price", "must be a non-negative number");
        }
        return start is { } a && price is { } c ? (baseRate, a, c) : null;
    }

    private static (decimal, long?, decimal)? Bad(string path, string problem, CatalogErrors errors)
    {
        errors.Add(path, problem);
        return null;
    }
}
