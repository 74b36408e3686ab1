using System.Net.Http.Headers;
using BudgetBot.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace BudgetBot.Tests.Infrastructure;

// The real service over a fresh SQLite file per test, with a fake clock and the test policy.
// Anything network-facing is replaced only at the HTTP edge (see FakeHttp).
public sealed class TestApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 3, 11, 12, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-test-");

    public TestApp(string? policy = null, IDictionary<string, string?>? settings = null, string? databasePath = null)
    {
        DatabasePath = databasePath ?? Path.Combine(dir.FullName, "test.db");
        PolicyPath = Path.Combine(dir.FullName, "policy.yaml");
        File.WriteAllText(PolicyPath, policy ?? TestPolicy.Default);
        Settings = settings ?? new Dictionary<string, string?>();
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public string DatabasePath { get; }

    public string PolicyPath { get; }

    public IDictionary<string, string?> Settings { get; }

    public Action<IServiceCollection>? ConfigureTestServices { get; init; }

    public T Get<T>() where T : notnull => Server.Services.GetRequiredService<T>();

    public async Task<HttpClient> ClientWithScopesAsync(params string[] scopes)
    {
        var token = await Get<ApiTokenStore>().CreateAsync($"test-{string.Join('-', scopes)}-{Guid.NewGuid():N}", scopes);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    // Starts the same configuration as a plain host and returns why it refused to start. Not through
    // CreateClient: WebApplicationFactory reads the host's services while the entry point, on its own
    // thread, fails the start and disposes them, so under load it saw an ObjectDisposedException
    // instead of the validation error (dotnet/aspnetcore#33494).
    public async Task<Exception> StartFailureAsync()
    {
        string[] args =
        [
            "--environment=Testing",
            "--urls=http://127.0.0.1:0",
            "--Otlp:GrpcPort=",
            $"--ConnectionStrings:BudgetBot=Data Source={DatabasePath}",
            $"--Policy:Path={PolicyPath}",
            .. Settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}"),
        ];
        var failure = await Record.ExceptionAsync(async () =>
        {
            // Some options are read while the endpoints are mapped, so the build may refuse too.
            await using var app = Program.BuildApp(args);
            await app.StartAsync(TestContext.Current.CancellationToken);
        });
        Assert.NotNull(failure);
        return failure;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:BudgetBot", $"Data Source={DatabasePath}");
        builder.UseSetting("Policy:Path", PolicyPath);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureTestServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        dir.Delete(recursive: true);
    }
}
