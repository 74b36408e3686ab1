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

    public IReadOnlyList<JsonObject> Bodies(string method) =>
        Calls.Where(c => c.Method == method).Select(c => (JsonObject)JsonNode.Parse(c.Body)!).ToList();

    public static string Raw(JsonNode node) => node.ToJsonString(Relaxed);

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.RequestUri!.AbsolutePath.Split('/').Last();
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }
        Calls.Enqueue((method, body, request.Headers.Authorization?.ToString()));
        if (Queued.TryDequeue(out var queued))
        {
            return queued;
        }
        var answer = method switch
        {
            "chat.postMessage" => new JsonObject
            {
                ["ok"] = true, ["channel"] = JsonNode.Parse(body)!["channel"]!.GetValue<string>(),
                ["ts"] = $"1773230400.{Interlocked.Increment(ref nextTs):D6}",
            },
            "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + body.Split('=').Last() } },
            _ => new JsonObject { ["ok"] = true },
        };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json") };
    }
}
