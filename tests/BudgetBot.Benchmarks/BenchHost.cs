using System.Net.Http.Headers;
using BudgetBot.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Benchmarks;

// The real app on Kestrel over loopback, on a throw-away SQLite file, as DemoCommand starts it.
internal sealed class BenchHost : IAsyncDisposable
{
    // UTC keeps the month period aligned to whole hours, as it is in most zones.
    internal const string Policy = """
        timezone: UTC
        teams:
          platform:
            repos: [acme/api, "acme/svc-*"]
          growth:
            repos: [acme/web]
        budgets:
          - id: platform
            scope: team:platform
            amountUsd: 50000
            period: "0 0 1 * *"
            enforcement: soft
          - id: everything
            scope: org
            amountUsd: 200000
            period: "0 0 1 * *"
        """;

    private readonly DirectoryInfo dir;

    private BenchHost(DirectoryInfo dir, WebApplication app, HttpClient http)
    {
        this.dir = dir;
        App = app;
        Http = http;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string Directory => dir.FullName;

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<BenchHost> StartAsync()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("budgetbot-bench-");
        var policyPath = Path.Combine(dir.FullName, "policy.yaml");
        await File.WriteAllTextAsync(policyPath, Policy);
        var app = Program.BuildApp(
        [
            "--urls=http://127.0.0.1:0",
            "--Otlp:GrpcPort=",
            $"--ConnectionStrings:BudgetBot=Data Source={Path.Combine(dir.FullName, "bench.db")}",
            $"--Policy:Path={policyPath}",
            "--Policy:ReloadSeconds=0",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var token = await app.Services.GetRequiredService<ApiTokenStore>().CreateAsync("bench", [Scopes.Ingest, Scopes.Read]);
        var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new BenchHost(dir, app, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        dir.Delete(recursive: true);
    }
}
