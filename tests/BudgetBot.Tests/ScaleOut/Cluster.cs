using System.Security.Cryptography;
using BudgetBot.Auth;
using BudgetBot.GitHub;
using BudgetBot.Outbox;
using BudgetBot.Slack;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Slack;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BudgetBot.Tests.ScaleOut;

// Several service instances in one process over one SQLite file, as a load balancer would run
// them: each has its own DI container, hosted workers, SQLite writer queue and fake clock (kept in
// step), and all of them talk to one fake GitHub and one fake Slack. The scheduler loop is off:
// tests call RunDueAsync on every instance at once.
internal sealed class Cluster : IAsyncDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-scaleout-");
    private readonly RSA key = RSA.Create(2048);
    private readonly List<TestApp> all = [];
    private readonly HashSet<TestApp> dead = [];
    private readonly Dictionary<TestApp, HttpClient> clients = [];

    public Cluster(int size, Action<IServiceCollection>? services = null)
    {
        DatabasePath = Path.Combine(dir.FullName, "shared.db");
        for (var i = 0; i < size; i++)
        {
            var settings = new Dictionary<string, string?>
            {
                ["GitHub:AppId"] = "123", ["GitHub:PrivateKey"] = key.ExportRSAPrivateKeyPem(), ["GitHub:WebhookSecret"] = GitHubTestApp.Secret,
                ["Slack:SigningSecret"] = SlackTestApp.Secret, ["Slack:BotToken"] = "xoxb-test", ["Slack:ApiBaseUrl"] = "http://slack.test/api/",
                ["Scheduling:Enabled"] = "false",
            };
            all.Add(new TestApp(settings: settings, databasePath: DatabasePath)
            {
                ConfigureTestServices = s =>
                {
                    services?.Invoke(s);
                    s.AddSingleton<ILoggerProvider>(Logs);
                    s.AddHttpClient(GitHubHttp.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => GitHub).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
                    s.AddHttpClient(SlackApiClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Slack).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
                },
            });
        }
        GitHub.Clock = all[0].Clock;
    }

    public string DatabasePath { get; }

    public FakeGitHub GitHub { get; } = new();

    public FakeSlackApi Slack { get; } = new();

    public RecordingLogger Logs { get; } = new();

    public IReadOnlyList<TestApp> Instances => all;

    public IReadOnlyList<TestApp> Live => all.Where(a => !dead.Contains(a)).ToList();

    public DateTimeOffset Now => all[0].Clock.GetUtcNow();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Starts every instance at once (they migrate the one file together), with an ingest client each.
    public async Task StartAsync(bool hostedWorkers = true)
    {
        await Task.WhenAll(all.Select(a => Task.Run(() => _ = a.Server, Ct)));
        foreach (var app in all)
        {
            if (!hostedWorkers)
            {
                await app.Get<InboxWorker>().StopAsync(Ct);
                await app.Get<OutboxWorker>().StopAsync(Ct);
            }
            clients[app] = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        }
    }

    public HttpClient Client(TestApp app) => clients[app];

    public HttpClient Client(int instance) => clients[all[instance]];

    public void Advance(TimeSpan by)
    {
        foreach (var app in all)
        {
            app.Clock.Advance(by);
        }
    }

    public Task<T[]> OnAllAsync<T>(Func<TestApp, Task<T>> work) => Task.WhenAll(Live.Select(a => Task.Run(() => work(a), Ct)));

    // A crash: the instance stops without finishing what it holds; its leases stay in the database.
    public async Task KillAsync(TestApp app)
    {
        dead.Add(app);
        clients[app].Dispose();
        await app.DisposeAsync();
    }

    // Drains inbox and outbox on every live instance at once, again and again, until nothing due is
    // left (hosted loops may hold rows meanwhile; a due row queued behind a later-due one of its
    // target waits for it, as the outbox sends a target's rows in order). Up to `wait` of fake time is let pass, in steps to
    // the next due row, so debounced comments and paced Slack posts go out too.
    public async Task SettleAsync(TimeSpan wait = default)
    {
        var until = Now + wait;
        for (var round = 0; round < 500; round++)
        {
            await OnAllAsync(a => a.Get<InboxWorker>().DrainAsync(Ct));
            await OnAllAsync(a => a.Get<OutboxWorker>().DrainAsync(Ct));
            var now = Now.ToUnixTimeMilliseconds();
            var (due, next) = await QueryAsync<(long, long?)>(
                "SELECT (SELECT COUNT(*) FROM github_inbox WHERE state = 'pending' AND due_at_ms <= @now) + " +
                "(SELECT COUNT(*) FROM outbox_messages m WHERE state = 'pending' AND due_at_ms <= @now AND NOT EXISTS " +
                "(SELECT 1 FROM outbox_messages o WHERE o.target = m.target AND o.state = 'pending' AND o.id < m.id)), " +
                "(SELECT MIN(due_at_ms) FROM outbox_messages WHERE state = 'pending' AND due_at_ms > @now);", new { now });
            if (due == 0 && next is { } ms && DateTimeOffset.FromUnixTimeMilliseconds(ms) <= until)
            {
                Advance(TimeSpan.FromMilliseconds(ms - now));
            }
            else if (due == 0)
            {
                return;
            }
            else
            {
                await Task.Delay(10, Ct);
            }
        }
        Assert.Fail("the cluster did not settle: " + string.Join("; ", await QueryListAsync<string>(
            "SELECT kind || ' ' || target || ' ' || state || ' ' || COALESCE(lease_owner, '-') FROM outbox_messages WHERE state = 'pending';")));
    }

    public async Task<T> QueryAsync<T>(string sql, object? args = null)
    {
        await using var c = new SqliteConnection($"Data Source={DatabasePath}");
        return await c.QuerySingleAsync<T>(sql, args);
    }

    public async Task<List<T>> QueryListAsync<T>(string sql, object? args = null)
    {
        await using var c = new SqliteConnection($"Data Source={DatabasePath}");
        return (await c.QueryAsync<T>(sql, args)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in Live)
        {
            clients.GetValueOrDefault(app)?.Dispose();
            await app.DisposeAsync();
        }
        key.Dispose();
        SqliteConnection.ClearAllPools();
        dir.Delete(recursive: true);
    }
}
