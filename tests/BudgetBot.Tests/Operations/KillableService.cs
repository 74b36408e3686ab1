using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using BudgetBot.Tests.Cli;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Tests.Operations;

// The built service as a child process on a fixed loopback port over one SQLite file, which a test
// kills with SIGKILL and starts again on the same port and file (so it is the same instance, and
// takes back its own leases). GitHub is fully configured, its API a closed port: outbound sends fail
// and are retried, which is all the fault test needs of them.
internal sealed class KillableService : IAsyncDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-sigkill-");
    private readonly int port = ChildProcess.FreePort();
    private readonly string apiBase = $"http://127.0.0.1:{ChildProcess.FreePort()}/";
    private readonly string privateKey;
    private ChildProcess? process;

    public KillableService()
    {
        using var key = RSA.Create(2048);
        privateKey = key.ExportRSAPrivateKeyPem();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(15) };
    }

    public HttpClient Http { get; }

    public int Starts { get; private set; }

    public string DatabasePath => Path.Combine(dir.FullName, "budgetbot.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Writes the policy, creates an ingest token with the CLI (as an operator would), then starts.
    public async Task StartFirstAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "budgetbot.policy.yaml"), TestPolicy.Default, Ct);
        using var create = ChildProcess.BudgetBot(dir.FullName, "tokens", "create", "--name", "load", "--scopes", "ingest,read");
        Assert.True(await create.ExitCodeAsync(TimeSpan.FromSeconds(60)) == 0, create.Err);
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", create.Out.TrimEnd().Split('\n')[^1].Trim());
        await StartAsync();
    }

    public async Task StartAsync()
    {
        process = ChildProcess.BudgetBot(dir.FullName,
            $"--urls=http://127.0.0.1:{port}", "--Otlp:GrpcPort=", "--Logging:LogLevel:Default=Warning",
            "--GitHub:AppId=1", $"--GitHub:PrivateKey={privateKey}", $"--GitHub:WebhookSecret={GitHubTestApp.Secret}",
            $"--GitHub:ApiBaseUrl={apiBase}");
        Starts++;
        var waited = Stopwatch.StartNew();
        while (!await HealthyAsync())
        {
            Assert.False(process.HasExited, $"the service exited at start {Starts}:\n{process.Err}");
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(45), $"the service did not answer /healthz at start {Starts}:\n{process.Out}\n{process.Err}");
            await Task.Delay(50, Ct);
        }
    }

    public void Kill()
    {
        process?.Kill();
        process?.Dispose();
        process = null;
    }

    public string Output => process is null ? "" : process.Out + process.Err;

    public async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var c = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        return (await c.QueryAsync<T>(sql, args)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        dir.Delete(recursive: true);
    }

    private async Task<bool> HealthyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/healthz", Ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }
}
