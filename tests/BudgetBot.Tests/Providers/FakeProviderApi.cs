using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace BudgetBot.Tests.Providers;

// A provider's admin API in-process: serves a fixture per path, optionally split into two pages
// (has_more / next_page), and records every request with its headers.
internal sealed class FakeProviderApi : HttpMessageHandler
{
    private const string SecondPage = "page-2-token";
    private readonly Dictionary<string, (string Json, bool Split)> routes = new(StringComparer.Ordinal);

    public List<HttpRequestMessage> Requests { get; } = [];

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "usage", name));

    public void Serve(string path, string json, bool split = false) => routes[path] = (json, split);

    public void Remove(string path) => routes.Remove(path);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }
        var path = request.RequestUri!.AbsolutePath;
        if (!routes.TryGetValue(path, out var route))
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("{\"error\":\"no such report\"}") });
        }
        var body = route.Split ? Page(route.Json, request.RequestUri.Query.Contains("page=" + SecondPage, StringComparison.Ordinal)) : route.Json;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }

    // First page: the first bucket and a next_page token; second page: the rest. A one-bucket fixture
    // is first cut into two buckets of the same day, each with half of the results.
    private static string Page(string json, bool second)
    {
        var doc = JsonNode.Parse(json)!.AsObject();
        var buckets = doc["data"]!.AsArray().Select(b => b!.DeepClone()).ToList();
        if (buckets.Count == 1)
        {
            var results = buckets[0]["results"]!.AsArray().Select(r => r!.DeepClone()).ToList();
            var half = results.Count / 2;
            buckets = [WithResults(buckets[0], results.Take(half)), WithResults(buckets[0], results.Skip(half))];
        }
        var page = second ? buckets.Skip(1) : buckets.Take(1);
        var hasMore = !second && buckets.Count > 1;
        doc["data"] = new JsonArray([.. page]);
        doc["has_more"] = hasMore;
        doc["next_page"] = hasMore ? SecondPage : null;
        return doc.ToJsonString();
    }

    private static JsonNode WithResults(JsonNode bucket, IEnumerable<JsonNode> results)
    {
        var copy = bucket.DeepClone();
        copy["results"] = new JsonArray([.. results]);
        return copy;
    }
}
