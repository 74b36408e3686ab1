using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace BudgetBot.Benchmarks;

// (b) Signed pull_request deliveries (a fresh X-GitHub-Delivery each), delivery i to instance i mod N.
// Acknowledged/s is until the last 202; processed/s is from the first send until every inbox row is
// 'done', found by polling the database. Then: one row per delivery, all done, none retried, no lease
// left. A row reaches 'done' only through a Finish that holds its lease, so a delivery two workers
// had claimed would show as a retry or a stuck lease, not as a second 'done'.
internal static class ScaleOutInbox
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public static async Task<(ScaleOutFigure Acknowledged, ScaleOutFigure Processed)> RunAsync(
        ScaleOutCluster cluster, int deliveries, int concurrency)
    {
        var payload = await File.ReadAllBytesAsync(WebhookLatency.FixturePath());
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ScaleOutCluster.Secret), payload));
        var n = cluster.Clients.Count;
        await ScaleOutLoad.RunAsync(n, n, i => PostAsync(cluster.Clients[i], payload, signature));
        await WaitDoneAsync(cluster, n, TimeSpan.FromMinutes(1));

        var clock = Stopwatch.StartNew();
        var acknowledged = await ScaleOutLoad.RunAsync(deliveries, concurrency, i => PostAsync(cluster.Clients[i % n], payload, signature));
        var total = deliveries + n;
        await WaitDoneAsync(cluster, total, TimeSpan.FromMinutes(10));
        var processed = clock.Elapsed;

        var check = await cluster.QueryAsync<InboxCheck>(
            "SELECT COUNT(*) AS Rows, COUNT(DISTINCT delivery_id) AS Deliveries, " +
            "COALESCE(SUM(CASE WHEN state = 'done' AND processed_at_ms IS NOT NULL THEN 1 ELSE 0 END), 0) AS Done, " +
            "COALESCE(SUM(attempts), 0) AS Retries, COALESCE(SUM(CASE WHEN lease_owner IS NOT NULL THEN 1 ELSE 0 END), 0) AS Leased " +
            "FROM github_inbox;");
        if (check.Rows != total || check.Deliveries != total || check.Done != total || check.Retries != 0 || check.Leased != 0)
        {
            throw new InvalidOperationException($"Sent {total} deliveries; inbox holds {check}.");
        }
        var what = $"{check.Rows} rows, {check.Deliveries} distinct, {check.Done} done, {check.Retries} retries, {check.Leased} leased";
        return (new ScaleOutFigure(deliveries, acknowledged, "all 202"), new ScaleOutFigure(deliveries, processed, what));
    }

    private static async Task WaitDoneAsync(ScaleOutCluster cluster, long expected, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (await cluster.QueryAsync<long>("SELECT COUNT(*) FROM github_inbox WHERE state = 'done';") < expected)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Inbox not done after {limit}.");
            }
            await Task.Delay(20);
        }
    }

    private static async Task PostAsync(HttpClient http, byte[] payload, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/github/webhooks", UriKind.Relative))
        {
            Content = new ByteArrayContent(payload) { Headers = { ContentType = JsonType } },
        };
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature);
        using var response = await http.SendAsync(request);
        // A refused delivery would be fast for the wrong reason.
        response.EnsureSuccessStatusCode();
    }

    private sealed record InboxCheck(long Rows, long Deliveries, long Done, long Retries, long Leased);
}
