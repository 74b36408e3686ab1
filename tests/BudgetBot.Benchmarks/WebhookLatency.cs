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
// only answers 200, both with the same signed pull_request delivery at the same steady rate. A plain
// routine rather than a BenchmarkDotNet benchmark: the figure is a latency distribution under load.
internal static class WebhookLatency
{
    private const string Secret = "bench-secret";
    private const int Rate = 200;
    private const int WarmupSeconds = 2;
    private const int Seconds = 10;

    public static async Task<int> RunAsync()
    {
        var payload = await File.ReadAllBytesAsync(FixturePath());
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), payload));
        var dir = Directory.CreateTempSubdirectory("budgetbot-bench-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "policy.yaml"), "timezone: UTC\n");
            await using var app = Program.BuildApp(
            [
                "--urls=http://127.0.0.1:0",
                $"--ConnectionStrings:BudgetBot=Data Source={Path.Combine(dir.FullName, "bench.db")}",
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
            await using var bare = BareApp();
            await app.StartAsync();
            await bare.StartAsync();
            using var http = new HttpClient();
            var webhook = new Uri(Address(app) + "api/github/webhooks");
            var bareUri = new Uri(Address(bare) + "bare");

            await LatencyRun.RunAsync(Rate, WarmupSeconds, () => PostAsync(http, bareUri, payload, signature));
            await LatencyRun.RunAsync(Rate, WarmupSeconds, () => PostAsync(http, webhook, payload, signature));
            var bareResult = await LatencyRun.RunAsync(Rate, Seconds, () => PostAsync(http, bareUri, payload, signature));
            var webhookResult = await LatencyRun.RunAsync(Rate, Seconds, () => PostAsync(http, webhook, payload, signature));

            Console.WriteLine($"bare    POST /bare                {bareResult}");
            Console.WriteLine($"webhook POST /api/github/webhooks {webhookResult}");
            var ratio = webhookResult.P99 / bareResult.P99;
            Console.WriteLine(FormattableString.Invariant($"p99 webhook / bare = {ratio:F2} (target <= 3)"));
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

    private static WebApplication BareApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var bare = builder.Build();
        bare.MapPost("/bare", () => Results.Ok());
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
