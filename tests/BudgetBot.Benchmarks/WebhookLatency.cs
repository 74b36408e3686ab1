using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BudgetBot.Benchmarks;

// `--webhook-latency`: acknowledgement latency of POST /api/github/webhooks on the real app (GitHub
// configured, signature checked, delivery stored in the inbox) against a bare loopback endpoint that
// only answers 200, both with the same signed pull_request delivery at the same steady rate. A third
// endpoint, the floor, does only what no acknowledgement can skip: read the body and commit it to a
// SQLite file (WAL, synchronous FULL: one fsync per commit, as the inbox does). The three are run in
// alternating rounds and pooled, so a noisy second on a small machine cannot decide the figure alone,
// and the inbox is drained before the bare and floor phases, so only the webhook phase carries the
// worker's load (as it would in production). A plain routine rather than a BenchmarkDotNet benchmark:
// the figure is a latency distribution under load.
internal static class WebhookLatency
{
    private const string Secret = "bench-secret";
    private const int Rate = 200;
    private const int WarmupSeconds = 2;
    private const int Rounds = 5;
    private const int Seconds = 4;

    public static async Task<int> RunAsync(string? parent)
    {
        var payload = await File.ReadAllBytesAsync(FixturePath());
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), payload));
        var dir = parent is null
            ? Directory.CreateTempSubdirectory("budgetbot-bench-")
            : Directory.CreateDirectory(Path.Combine(parent, $"budgetbot-bench-{Guid.NewGuid():N}"));
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "policy.yaml"), "timezone: UTC\n");
            var database = $"Data Source={Path.Combine(dir.FullName, "bench.db")}";
            await using var app = Program.BuildApp(
            [
                "--urls=http://127.0.0.1:0",
                "--Otlp:GrpcPort=",
                $"--ConnectionStrings:BudgetBot={database}",
                $"--Policy:Path={Path.Combine(dir.FullName, "policy.yaml")}",
                "--Policy:ReloadSeconds=0",
                "--Logging:LogLevel:Default=Warning",
                // The outbox retries refused GitHub calls (below) with a warning each; not the figure.
                "--Logging:LogLevel:BudgetBot.Outbox=Error",
                "--GitHub:AppId=1",
                "--GitHub:PrivateKey=" + PrivateKeyPem(),
                "--GitHub:WebhookSecret=" + Secret,
                // Loopback only: calls the inbox worker makes while the run goes on fail at once.
                "--GitHub:ApiBaseUrl=http://127.0.0.1:9/",
            ]);
            await using var bare = BareApp($"Data Source={Path.Combine(dir.FullName, "floor.db")}");
            await app.StartAsync();
            await bare.StartAsync();
            using var http = new HttpClient();
            var targets = new (string Name, Uri Uri)[]
            {
                ("bare    POST /bare               ", new Uri(Address(bare) + "bare")),
                ("floor   POST /floor (one insert) ", new Uri(Address(bare) + "floor")),
                ("webhook POST /api/github/webhooks", new Uri(Address(app) + "api/github/webhooks")),
            };
            foreach (var (_, uri) in targets)
            {
                await LatencyRun.RunAsync(Rate, WarmupSeconds, () => PostAsync(http, uri, payload, signature));
            }
            var results = targets.Select(_ => new List<LatencyRound>()).ToArray();
            for (var round = 1; round <= Rounds; round++)
            {
                for (var t = 0; t < targets.Length; t++)
                {
                    await WaitForInboxDrainedAsync(database);
                    results[t].Add(await LatencyRun.RunAsync(Rate, Seconds, () => PostAsync(http, targets[t].Uri, payload, signature)));
                }
                var p99 = results.Select(r => LatencySummary.From(r[^1]).P99).ToArray();
                Console.WriteLine(FormattableString.Invariant(
                    $"round {round}: p99 bare {p99[0]:F2} ms, floor {p99[1]:F2} ms, webhook {p99[2]:F2} ms; webhook / bare = {p99[2] / p99[0]:F2}"));
            }
            var pooled = results.Select(r => LatencySummary.From(r)).ToArray();
            for (var t = 0; t < targets.Length; t++)
            {
                Console.WriteLine($"{targets[t].Name} {pooled[t]}");
            }
            var ratio = pooled[2].P99 / pooled[0].P99;
            Console.WriteLine(FormattableString.Invariant(
                $"pooled p99: floor / bare = {pooled[1].P99 / pooled[0].P99:F2}, webhook / floor = {pooled[2].P99 / pooled[1].P99:F2}"));
            Console.WriteLine(FormattableString.Invariant($"pooled p99 webhook / bare = {ratio:F2} (target <= 3)"));
            await app.StopAsync();
            await bare.StopAsync();
            return ratio <= 3 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    // Deliveries still pending would be processed during the next phase and load it.
    private static async Task WaitForInboxDrainedAsync(string database)
    {
        await using var connection = new SqliteConnection(database);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM github_inbox WHERE state = 'pending';";
        for (var i = 0; i < 600 && Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0; i++)
        {
            await Task.Delay(100);
        }
    }

    private static async Task PostAsync(HttpClient http, Uri uri, byte[] payload, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature);
        using var response = await http.SendAsync(request);
        // A rejected delivery would be fast for the wrong reason.
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    // `/bare` answers at once and ignores the body. `/floor` reads the body and commits it in its own
    // BEGIN IMMEDIATE transaction: the least any durable acknowledgement costs on this disk.
    private static WebApplication BareApp(string database)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var bare = builder.Build();
        // One connection, opened once, and one writer at a time, as the app's writer queue: no pool
        // checkout or per-open PRAGMA in the floor's path.
        var floor = new SqliteConnection(database);
        floor.Open();
        using (var setup = floor.CreateCommand())
        {
            // wal_autocheckpoint = 0 as the app's connections: no checkpoint inside a commit.
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; " +
                "CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, delivery TEXT NOT NULL UNIQUE, body BLOB NOT NULL);";
            setup.ExecuteNonQuery();
        }
        var writer = new SemaphoreSlim(1, 1);
        bare.Lifetime.ApplicationStopped.Register(floor.Dispose);
        // As the app's SqliteCheckpointer: a PASSIVE checkpoint every 5 s lets the WAL restart from its
        // beginning, so commits overwrite the file instead of growing it (a cheaper fdatasync).
        bare.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            var stopping = bare.Lifetime.ApplicationStopping;
            using var every = new PeriodicTimer(TimeSpan.FromSeconds(5));
            while (await every.WaitForNextTickAsync(stopping).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
            {
                await using var connection = new SqliteConnection(database);
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                await checkpoint.ExecuteNonQueryAsync();
            }
        }));
        bare.MapPost("/bare", () => Results.Ok());
        bare.MapPost("/floor", async (HttpRequest request) =>
        {
            // The raw bytes, bound as a BLOB: no text decoding, the least a stored delivery can allocate.
            var body = new byte[request.ContentLength ?? 0];
            await request.Body.ReadExactlyAsync(body);
            await writer.WaitAsync();
            try
            {
                await using var tx = floor.BeginTransaction(deferred: false);
                await using var insert = floor.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO floor (delivery, body) VALUES ($delivery, $body);";
                insert.Parameters.AddWithValue("$delivery", request.Headers["X-GitHub-Delivery"].ToString());
                insert.Parameters.Add("$body", SqliteType.Blob).Value = body;
                await insert.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }
            finally
            {
                writer.Release();
            }
            return Results.Accepted();
        });
        return bare;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

    private static string PrivateKeyPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportRSAPrivateKeyPem();
    }

    // The tests' copy of a real GitHub delivery, found from the build output up to the repository root.
    internal static string FixturePath()
    {
        var relative = Path.Combine("tests", "BudgetBot.Tests", "Fixtures", "github", "pull_request", "opened.payload.json");
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("Run from inside the repository: fixture not found.", relative);
    }
}
