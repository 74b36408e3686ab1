using System.Net.Http.Headers;
using System.Security.Cryptography;
using BudgetBot.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Benchmarks;

// N real app instances (Program.BuildApp on Kestrel at 127.0.0.1) in this process over ONE SQLite
// file, as N replicas behind a load balancer share one database. Each has its own Database (so its
// own in-process writer queue), inbox worker, outbox worker and checkpointer, exactly as separate
// processes would; between instances SQLite's file lock and busy_timeout are all that serialise.
internal sealed class ScaleOutCluster : IAsyncDisposable
{
    public const string Secret = "bench-secret";

    private readonly DirectoryInfo dir;
    private readonly List<WebApplication> apps;
    private readonly List<HttpClient> clients;

    private ScaleOutCluster(DirectoryInfo dir, List<WebApplication> apps, List<HttpClient> clients)
    {
        this.dir = dir;
        this.apps = apps;
        this.clients = clients;
    }

    public IReadOnlyList<HttpClient> Clients => clients;

    public string DatabasePath => Path.Combine(dir.FullName, "bench.db");

    public static async Task<ScaleOutCluster> StartAsync(int instances)
    {
        var dir = Directory.CreateTempSubdirectory("budgetbot-scale-");
        var policyPath = Path.Combine(dir.FullName, "policy.yaml");
        await File.WriteAllTextAsync(policyPath, BenchHost.Policy);
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportRSAPrivateKeyPem();
        var apps = new List<WebApplication>();
        var clients = new List<HttpClient>();
        var cluster = new ScaleOutCluster(dir, apps, clients);
        // One at a time: the first migrates the file, the others find it migrated.
        for (var i = 0; i < instances; i++)
        {
            var app = Program.BuildApp(
            [
                "--urls=http://127.0.0.1:0",
                "--Otlp:GrpcPort=",
                $"--ConnectionStrings:BudgetBot=Data Source={cluster.DatabasePath}",
                $"--Policy:Path={policyPath}",
                "--Policy:ReloadSeconds=0",
                "--Logging:LogLevel:Default=Warning",
                // Outgoing GitHub calls (PR comments, check runs) are refused on loopback and retried
                // with a warning each; they are not the figure.
                "--Logging:LogLevel:BudgetBot.Outbox=Error",
                "--GitHub:AppId=1",
                "--GitHub:PrivateKey=" + pem,
                "--GitHub:WebhookSecret=" + Secret,
                "--GitHub:ApiBaseUrl=http://127.0.0.1:9/",
            ]);
            apps.Add(app);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            clients.Add(new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) });
        }
        // Tokens live in the shared database, so one token is good on every instance.
        var token = await apps[0].Services.GetRequiredService<ApiTokenStore>().CreateAsync("bench", [Scopes.Ingest, Scopes.Read]);
        foreach (var client in clients)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return cluster;
    }

    // A separate read connection, as an operator's query would be: WAL readers do not block writers.
    public async Task<T> QueryAsync<T>(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={DatabasePath}");
        await c.OpenAsync();
        return await Dapper.SqlMapper.QuerySingleAsync<T>(c, sql);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
        foreach (var app in apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        dir.Delete(recursive: true);
    }
}
