using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;

namespace BudgetBot.Tests.Otlp;

// The service on real loopback ports: the configured HTTP/1.1 URL still answers once the OTLP/gRPC
// port is added in code, and the .NET SDK's exporter, untouched (its own HTTP/2 client), exports to it.
// A MeterProvider listens to every Meter of its name in the process: SDK tests must not overlap.
[Collection(OtlpSdkExporterTests.SdkMeters)]
public sealed class OtlpKestrelTests : IAsyncLifetime
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-grpc-");
    private WebApplication app = null!;

    public async ValueTask InitializeAsync()
    {
        var policy = Path.Combine(dir.FullName, "policy.yaml");
        await File.WriteAllTextAsync(policy, TestPolicy.Default, TestContext.Current.CancellationToken);
        app = Program.BuildApp(
        [
            "--urls=http://127.0.0.1:0",
            "--Otlp:GrpcPort=0",
            $"--ConnectionStrings:BudgetBot=Data Source={Path.Combine(dir.FullName, "grpc.db")}",
            $"--Policy:Path={policy}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(TestContext.Current.CancellationToken);
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task TheHttpUrlStillAnswers_AndTheSdksDefaultGrpcExporterReachesTheGrpcPort()
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Assert.Equal(2, addresses.Count);
        var http = addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        var grpcPort = new Uri(addresses.Single(a => a != http).Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
        using var client = new HttpClient { BaseAddress = new Uri(http) };
        Assert.True((await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).IsSuccessStatusCode);

        var token = await app.Services.GetRequiredService<ApiTokenStore>().CreateAsync("sdk", [Scopes.Ingest]);
        OtlpSdkExporterTests.ExportWithSdk(OtlpExportProtocol.Grpc, new Uri($"http://127.0.0.1:{grpcPort}"), token, httpClient: null);

        var spent = await app.Services.GetRequiredService<BudgetBot.Storage.Database>().ReadAsync(async c =>
            await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT SUM(cost_micros) FROM usage_events WHERE source = 'otlp-metrics'"));
        Assert.Equal(797825L, spent);
    }
}
