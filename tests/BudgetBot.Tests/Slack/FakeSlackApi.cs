using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace BudgetBot.Tests.Slack;

// An in-process Slack Web API: records every request's method and real body, answers ok:true (or
// what a test queues), and can be told to take its time.
internal sealed class FakeSlackApi : HttpMessageHandler
{
    private long nextTs = 100;

    public ConcurrentQueue<(string Method, string Body, string? Auth)> Calls { get; } = new();

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public ConcurrentQueue<HttpResponseMessage> Queued { get; } = new();

    // Methods answered 500 (Slack down) that many more times before they work again.
    public ConcurrentDictionary<string, int> Failing { get; } = new();

    // Bytes POSTed to an upload URL files.getUploadURLExternal gave out (recorded in Calls as "upload").
    public ConcurrentQueue<(Uri Url, byte[] Bytes)> Uploads { get; } = new();

    public static Dictionary<string, string> Form(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));

    public IReadOnlyList<JsonObject> Bodies(string method) =>
        Calls.Where(c => c.Method == method).Select(c => (JsonObject)JsonNode.Parse(c.Body)!).ToList();

    public static string Raw(JsonNode node) => node.ToJsonString(Relaxed);

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var upload = request.RequestUri!.AbsolutePath.StartsWith("/upload/", StringComparison.Ordinal);
        var method = upload ? "upload" : request.RequestUri!.AbsolutePath.Split('/').Last();
        if (upload)
        {
            Uploads.Enqueue((request.RequestUri, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
        }
        var body = request.Content is null || upload ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }
        Calls.Enqueue((method, body, request.Headers.Authorization?.ToString()));
        if (Failing.TryGetValue(method, out var left) && left > 0 && Failing.TryUpdate(method, left - 1, left))
        {
            return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }
        if (Queued.TryDequeue(out var queued))
        {
            return queued;
        }
        JsonObject? answer = method switch
        {
            "chat.postMessage" => new JsonObject
            {
                ["ok"] = true, ["channel"] = JsonNode.Parse(body)!["channel"]!.GetValue<string>(),
                ["ts"] = $"1773230400.{Interlocked.Increment(ref nextTs):D6}",
            },
            "files.getUploadURLExternal" => UploadUrl(Interlocked.Increment(ref nextTs)),
            "files.completeUploadExternal" => new JsonObject
            {
                ["ok"] = true, ["files"] = new JsonArray(new JsonObject { ["id"] = JsonNode.Parse(body)!["files"]![0]!["id"]!.GetValue<string>() }),
            },
            "upload" => null,
            "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + body.Split('=').Last() } },
            _ => new JsonObject { ["ok"] = true },
        };
        return answer is null
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("OK", Encoding.UTF8, "text/plain") }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    private static JsonObject UploadUrl(long n) => new()
    {
        ["ok"] = true, ["upload_url"] = $"https://files.slack.test/upload/v1/F0{n}", ["file_id"] = $"F0{n}",
    };
}
