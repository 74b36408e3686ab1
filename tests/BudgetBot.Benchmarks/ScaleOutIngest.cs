using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace BudgetBot.Benchmarks;

// (a) POST /api/usage, batches of 500 new events, batch i to instance i mod N, a fixed number of
// concurrent clients; then the stored count must be exactly what was sent.
internal static class ScaleOutIngest
{
    public const int Batch = 500;

    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public static async Task<ScaleOutFigure> RunAsync(ScaleOutCluster cluster, int batches, int concurrency)
    {
        var now = TimeProvider.System.GetUtcNow();
        var n = cluster.Clients.Count;
        // One warm-up batch per instance (JIT, pools, first statements), with ids of their own.
        var warmup = Enumerable.Range(0, n).Select(b => Payload("warm", b, now)).ToArray();
        await ScaleOutLoad.RunAsync(n, n, i => PostAsync(cluster.Clients[i], warmup[i]));
        // Built before the clock starts: the figure is the servers', not the client's JSON writer.
        var payloads = Enumerable.Range(0, batches).Select(b => Payload("scale", b, now)).ToArray();
        var elapsed = await ScaleOutLoad.RunAsync(batches, concurrency, i => PostAsync(cluster.Clients[i % n], payloads[i]));

        var sent = (long)(batches + n) * Batch;
        var stored = await cluster.QueryAsync<long>("SELECT COUNT(*) FROM usage_events;");
        if (stored != sent)
        {
            throw new InvalidOperationException($"Sent {sent} events but {stored} are stored.");
        }
        return new ScaleOutFigure((long)batches * Batch, elapsed, $"stored {stored} = sent {sent} (incl. {n} warm-up batches)");
    }

    private static async Task PostAsync(HttpClient http, byte[] payload)
    {
        using var content = new ByteArrayContent(payload) { Headers = { ContentType = JsonType } };
        using var response = await http.PostAsync(new Uri("/api/usage", UriKind.Relative), content);
        var result = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<IngestResponse>();
        // Every event is new: a duplicate or a short batch would make the figure about something else.
        if (result?.Accepted != Batch || result.Duplicates != 0)
        {
            throw new InvalidOperationException($"Expected {Batch} accepted, got {result?.Accepted} ({result?.Duplicates} duplicates).");
        }
    }

    private static byte[] Payload(string prefix, int batch, DateTimeOffset now) =>
        SyntheticUsage.Json(Enumerable.Range(0, Batch).Select(i =>
        {
            var n = ((long)batch * Batch) + i;
            return SyntheticUsage.Event(prefix, n, now.AddSeconds(-(n % 7200)));
        }));

    private sealed record IngestResponse(int Accepted, int Duplicates);
}
