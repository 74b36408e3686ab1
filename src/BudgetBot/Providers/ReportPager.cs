using System.Text.Json;

namespace BudgetBot.Providers;

// Both providers page the same way: {data: [buckets], has_more, next_page}; the next request repeats
// the query with page=<next_page>. Buckets are cloned so the documents can be disposed.
internal static class ReportPager
{
    private const int MaxPages = 1000;

    public static async Task<IReadOnlyList<JsonElement>> GetAllAsync(HttpClient http, string provider, string pathAndQuery, CancellationToken ct)
    {
        var buckets = new List<JsonElement>();
        string? page = null;
        for (var i = 0; i < MaxPages; i++)
        {
            var url = page is null ? pathAndQuery : $"{pathAndQuery}&page={Uri.EscapeDataString(page)}";
            using var response = await http.GetAsync(new Uri(url, UriKind.Relative), ct);
            if (!response.IsSuccessStatusCode)
            {
                // The body says why (bad key, bad parameter); it never echoes the key itself.
                var why = await response.Content.ReadAsStringAsync(ct);
                throw new HttpRequestException(
                    $"{provider} {pathAndQuery.Split('?')[0]} answered {(int)response.StatusCode}: {why[..Math.Min(why.Length, 500)]}",
                    null, response.StatusCode);
            }
            using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var root = doc.RootElement;
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                buckets.AddRange(data.EnumerateArray().Select(b => b.Clone()));
            }
            var more = root.TryGetProperty("has_more", out var h) && h.ValueKind == JsonValueKind.True;
            page = root.TryGetProperty("next_page", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (!more || page is null)
            {
                return buckets;
            }
        }
        throw new InvalidOperationException($"{provider} {pathAndQuery.Split('?')[0]} kept answering has_more after {MaxPages} pages");
    }
}
