using System.Globalization;
using System.Text.Json;

namespace BudgetBot.Usage;

// Reads the genai-prices data.json format strictly and reports every problem with its JSON path:
// a mistyped price must never become a silent zero, because a zero rate hides spend from budgets.
internal static class GenAiPricesJson
{
    private static readonly string[] VendorFields =
        ["id", "name", "pricing_urls", "api_pattern", "description", "price_comments", "model_match", "provider_match", "extractors", "fallback_model_providers", "models"];
    private static readonly string[] ModelFields = ["id", "name", "description", "match", "context_window", "price_comments", "prices", "deprecated"];

    public static IReadOnlyList<CatalogVendor> Read(string json, CatalogErrors errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            errors.Add("$", $"is not valid JSON: {ex.Message}");
            return [];
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                errors.Add("$", "must be a non-empty array of providers (the genai-prices data.json format)");
                return [];
            }
            var vendors = document.RootElement.EnumerateArray().Select((v, i) => Vendor(v, $"$[{i}]", errors)).OfType<CatalogVendor>().ToList();
            CheckReferences(document.RootElement, errors);
            return vendors;
        }
    }

    private static CatalogVendor? Vendor(JsonElement v, string path, CatalogErrors errors)
    {
        if (!Fields.Expect(v, path, VendorFields, errors))
        {
            return null;
        }
        var id = Fields.Name(v, "id", path, errors);
        var modelMatch = v.TryGetProperty("model_match", out var mm) ? MatchRule.Read(mm, $"{path}.model_match", errors) : null;
        var providerMatch = v.TryGetProperty("provider_match", out var pm) ? MatchRule.Read(pm, $"{path}.provider_match", errors) : null;
        var fallbacks = v.TryGetProperty("fallback_model_providers", out var fb) && fb.ValueKind == JsonValueKind.Array
            ? fb.EnumerateArray().Select(f => f.GetString() ?? "").ToList()
            : [];
        if (!v.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}.models", "must be an array");
            return null;
        }
        var list = models.EnumerateArray().Select((m, i) => Model(m, $"{path}.models[{i}]", id ?? "", errors)).OfType<CatalogModel>().ToList();
        return id is null ? null : new CatalogVendor(id, modelMatch, providerMatch, fallbacks, list);
    }

    private static CatalogModel? Model(JsonElement m, string path, string vendor, CatalogErrors errors)
    {
        if (!Fields.Expect(m, path, ModelFields, errors))
        {
            return null;
        }
        var id = Fields.Name(m, "id", path, errors);
        MatchRule? match = null;
        if (!m.TryGetProperty("match", out var matchElement))
        {
            errors.Add($"{path}.match", "is missing");
        }
        else
        {
            match = MatchRule.Read(matchElement, $"{path}.match", errors);
        }
        var periods = Periods(m, path, vendor, id ?? "", errors);
        return id is null || match is null || periods is null ? null : new CatalogModel(id, match, periods);
    }

    private static List<PricePeriod>? Periods(JsonElement m, string path, string vendor, string id, CatalogErrors errors)
    {
        if (!m.TryGetProperty("prices", out var prices))
        {
            errors.Add($"{path}.prices", "is missing");
            return null;
        }
        if (prices.ValueKind == JsonValueKind.Object)
        {
            return [new PricePeriod(null, null, null, PriceFields.Read(prices, $"{path}.prices", vendor, id, errors))];
        }
        if (prices.ValueKind != JsonValueKind.Array || prices.GetArrayLength() == 0)
        {
            errors.Add($"{path}.prices", "must be an object of prices or a non-empty array of conditional prices");
            return null;
        }
        return prices.EnumerateArray().Select((p, i) => Period(p, $"{path}.prices[{i}]", vendor, id, errors)).ToList();
    }

    private static PricePeriod Period(JsonElement p, string path, string vendor, string id, CatalogErrors errors)
    {
        if (!Fields.Expect(p, path, ["constraint", "prices"], errors))
        {
            return new PricePeriod(null, null, null, null);
        }
        var price = p.TryGetProperty("prices", out var prices)
            ? PriceFields.Read(prices, $"{path}.prices", vendor, id, errors)
            : Missing($"{path}.prices", errors);
        if (!p.TryGetProperty("constraint", out var c))
        {
            return new PricePeriod(null, null, null, price);
        }
        if (c.ValueKind == JsonValueKind.Object && c.TryGetProperty("start_date", out var date))
        {
            return Fields.Expect(c, $"{path}.constraint", ["start_date"], errors)
                && DateOnly.TryParseExact(date.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                ? new PricePeriod(from, null, null, price)
                : Invalid($"{path}.constraint.start_date", "must be a yyyy-MM-dd date", errors);
        }
        if (c.ValueKind == JsonValueKind.Object && Fields.Expect(c, $"{path}.constraint", ["start_time", "end_time"], errors)
            && Time(c, "start_time") is { } start && Time(c, "end_time") is { } end)
        {
            return new PricePeriod(null, start, end, price);
        }
        return Invalid($"{path}.constraint", "must be {start_date: yyyy-MM-dd} or {start_time, end_time: HH:mm:ss}", errors);
    }

    private static TimeOnly? Time(JsonElement c, string name) =>
        c.TryGetProperty(name, out var t) && t.ValueKind == JsonValueKind.String
        && TimeOnly.TryParse(t.GetString()!.TrimEnd('Z'), CultureInfo.InvariantCulture, out var time) ? time : null;

    private static ModelPrice? Missing(string path, CatalogErrors errors)
    {
        errors.Add(path, "is missing");
        return null;
    }

    private static PricePeriod Invalid(string path, string problem, CatalogErrors errors)
    {
        errors.Add(path, problem);
        return new PricePeriod(null, null, null, null);
    }

    // On the raw elements, so that indexes are the file's and a provider with other errors still counts.
    private static void CheckReferences(JsonElement root, CatalogErrors errors)
    {
        var ids = root.EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)
            .ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] is { } id && !seen.Add(id))
            {
                errors.Add($"$[{i}].id", $"'{id}' is listed twice");
            }
        }
        var index = 0;
        foreach (var vendor in root.EnumerateArray())
        {
            if (vendor.ValueKind == JsonValueKind.Object && vendor.TryGetProperty("fallback_model_providers", out var fallbacks))
            {
                if (fallbacks.ValueKind != JsonValueKind.Array)
                {
                    errors.Add($"$[{index}].fallback_model_providers", "must be an array of provider ids");
                }
                else
                {
                    foreach (var unknown in fallbacks.EnumerateArray().Select(f => f.ValueKind == JsonValueKind.String ? f.GetString()! : "").Where(f => !seen.Contains(f)))
                    {
                        errors.Add($"$[{index}].fallback_model_providers", $"names '{unknown}', which is not a provider of this file");
                    }
                }
            }
            index++;
        }
    }
}
