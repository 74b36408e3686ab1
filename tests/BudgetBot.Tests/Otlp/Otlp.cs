using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BudgetBot.Tests.Otlp;

// Fixtures and hand-built OTLP/HTTP JSON payloads, posted the way an OpenTelemetry exporter does.
internal static class Otlp
{
    public const string Session = "7f3c2a9e-4b1d-4e8a-9c55-2d61b0e8a417";
    public const string Sonnet = "claude-sonnet-4-5-20250929";
    public const string Haiku = "claude-haiku-4-5-20251001";

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "usage", name));

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, string json, bool gzip = false, string contentType = "application/json")
    {
        HttpContent content;
        if (gzip)
        {
            var buffer = new MemoryStream();
            using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                zip.Write(Encoding.UTF8.GetBytes(json));
            }
            content = new ByteArrayContent(buffer.ToArray());
            content.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            content = new StringContent(json, Encoding.UTF8);
        }
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    public static JsonObject Attr(string key, string value) => new() { ["key"] = key, ["value"] = new JsonObject { ["stringValue"] = value } };

    public static JsonObject IntAttr(string key, long value) => new() { ["key"] = key, ["value"] = new JsonObject { ["intValue"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    public static JsonObject DoubleAttr(string key, decimal value) => new() { ["key"] = key, ["value"] = new JsonObject { ["doubleValue"] = value } };

    public static JsonArray Resource() => [Attr("service.name", "claude-code"), Attr("repo", "acme/payments-api"), Attr("pr.number", "482"), Attr("git.branch", "feature/ledger-retry"), Attr("team.id", "platform")];

    public static JsonObject Point(decimal value, long startSeconds, long timeSeconds, params JsonObject[] attributes) => new()
    {
        ["attributes"] = new JsonArray([.. attributes]),
        ["startTimeUnixNano"] = (startSeconds * 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["timeUnixNano"] = (timeSeconds * 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["asDouble"] = value,
    };

    public static string Metrics(string name, int temporality, params JsonObject[] points) => Metrics(temporality, [(name, points)]);

    public static string Metrics(int temporality, params (string Name, JsonObject[] Points)[] metrics) => new JsonObject
    {
        ["resourceMetrics"] = new JsonArray(new JsonObject
        {
            ["resource"] = new JsonObject { ["attributes"] = Resource() },
            ["scopeMetrics"] = new JsonArray(new JsonObject
            {
                ["scope"] = new JsonObject { ["name"] = "com.anthropic.claude_code" },
                ["metrics"] = new JsonArray([.. metrics.Select(m => new JsonObject
                {
                    ["name"] = m.Name,
                    ["sum"] = new JsonObject { ["aggregationTemporality"] = temporality, ["isMonotonic"] = true, ["dataPoints"] = new JsonArray([.. m.Points]) },
                })]),
            }),
        }),
    }.ToJsonString();

    // The fixture session's spend as claude_code.api_request events: one per model, the same numbers
    // as claude-code-otlp-metrics.json, plus a user_prompt event whose text must never be stored.
    public static string ApiRequestLogs() => new JsonObject
    {
        ["resourceLogs"] = new JsonArray(new JsonObject
        {
            ["resource"] = new JsonObject { ["attributes"] = Resource() },
            ["scopeLogs"] = new JsonArray(new JsonObject
            {
                ["scope"] = new JsonObject { ["name"] = "com.anthropic.claude_code.events" },
                ["logRecords"] = new JsonArray(
                    Log("user_prompt", 1772460001, Attr("prompt", "SECRET-PROMPT-TEXT"), Attr("prompt_length", "42")),
                    Log("api_request", 1772460060, Attr("model", Sonnet), IntAttr("input_tokens", 18420), IntAttr("output_tokens", 9850),
                        IntAttr("cache_read_tokens", 1204800), IntAttr("cache_creation_tokens", 52300), DoubleAttr("cost_usd", 0.760575m), Attr("request_id", "req_A")),
                    Log("api_request", 1772460090, Attr("model", Haiku), IntAttr("input_tokens", 6200), IntAttr("output_tokens", 1450),
                        IntAttr("cache_read_tokens", 88000), IntAttr("cache_creation_tokens", 12000), DoubleAttr("cost_usd", 0.03725m), Attr("request_id", "req_H"))),
            }),
        }),
    }.ToJsonString();

    private static JsonObject Log(string name, long seconds, params JsonObject[] attributes) => new()
    {
        ["timeUnixNano"] = (seconds * 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["body"] = new JsonObject { ["stringValue"] = "claude_code." + name },
        ["attributes"] = new JsonArray([Attr("event.name", name), Attr("session.id", Session), .. attributes]),
    };
}
