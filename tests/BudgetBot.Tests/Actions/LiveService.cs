using System.Diagnostics;
using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.Actions;

// The service on a real loopback port (as DemoCommand starts it), for scripts that run outside the
// test process, plus a runner for the GitHub Actions scripts under `node`.
internal sealed class LiveService : IAsyncDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-actions-");
    private WebApplication? app;

    public string Address { get; private set; } = "";

    public string Token { get; private set; } = "";

    public string Dir => dir.FullName;

    public Database Db => app!.Services.GetRequiredService<Database>();

    // The path of node, or the test is skipped with what to install.
    public static string RequireNode()
    {
        var node = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(d => new[] { Path.Combine(d, "node"), Path.Combine(d, "node.exe") })
            .FirstOrDefault(File.Exists);
        Assert.SkipWhen(node is null, "node is not on PATH; install Node.js 18 or later to run the GitHub Actions script tests");
        return node;
    }

    public async Task StartAsync()
    {
        var policy = Path.Combine(Dir, "policy.yaml");
        await File.WriteAllTextAsync(policy, TestPolicy.Default, TestContext.Current.CancellationToken);
        app = Program.BuildApp(
        [
            "--urls=http://127.0.0.1:0",
            "--Otlp:GrpcPort=",
            $"--ConnectionStrings:BudgetBot=Data Source={Path.Combine(Dir, "live.db")}",
            $"--Policy:Path={policy}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Token = await app.Services.GetRequiredService<ApiTokenStore>().CreateAsync("github-actions", [Scopes.Ingest]);
    }

    public static string Script(string action, string file) => Path.Combine(AppContext.BaseDirectory, "GitHubActions", action, file);

    public async Task<(int ExitCode, string Output)> RunNodeAsync(string node, string script, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(node, [script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A clean slate: the runner's own GITHUB_* variables (in CI) must not leak into the run.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal) || k.StartsWith("BUDGETBOT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
            await app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        dir.Delete(recursive: true);
    }
}
