using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBot.Tests.GitHub;

// Issue 15 item 16: inbox leases are short (a killed instance's deliveries are taken over soon), and a
// delivery whose handler takes longer than the lease keeps it by heartbeat: no other instance starts
// it a second time. The slow handler is a ping whose log line (EventId 3020) blocks until released.
public sealed class InboxLeaseTests : IAsyncLifetime
{
    private readonly SlowPingLog slow = new();
    private TestApp app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        app = GitHubTestApp.Create(s => s.AddSingleton<ILoggerProvider>(slow));
        _ = app.Server;
        await app.Get<InboxWorker>().StopAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        slow.Release();
        await app.DisposeAsync();
    }

    [Fact]
    public void TheLease_IsShort()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), InboxWorker.Lease);
    }

    [Fact]
    public async Task AHandlerSlowerThanTheLease_KeepsItsLeaseByHeartbeat_AndRunsOnce()
    {
        using var client = app.CreateClient();
        Assert.True((await client.DeliverAsync("ping", Payloads.Fixture("ping/payload.json"), "slow-1")).IsSuccessStatusCode);
        var drain = Task.Run(() => app.Get<InboxWorker>().DrainAsync(Ct), Ct);
        Assert.True(await Task.Run(() => slow.Entered.Wait(TimeSpan.FromSeconds(15), Ct), Ct), "the ping handler never ran");

        var store = app.Get<InboxStore>();
        var beat = BudgetBot.Storage.LeaseHeartbeat.Interval(InboxWorker.Lease);
        for (var i = 0; i < 5; i++)
        {
            app.Clock.Advance(beat);
            var until = (app.Clock.GetUtcNow() + InboxWorker.Lease).ToUnixTimeMilliseconds();
            await Outbox.OutboxLaneTests.Eventually(async () => await LeaseUntilAsync() >= until, TimeSpan.FromSeconds(15));
        }
        // 50 s into a 30 s lease: another instance finds nothing to claim.
        Assert.Empty(await store.ClaimAsync("another-instance", 20, InboxWorker.Lease, Ct));

        slow.Release();
        Assert.Equal(1, await drain);
        Assert.Equal("done", await app.QueryAsync<string>("SELECT state FROM github_inbox WHERE delivery_id = 'slow-1';"));
        Assert.Equal(1, slow.Pings);
    }

    private async Task<long> LeaseUntilAsync()
    {
        await using var c = await app.Get<BudgetBot.Storage.Database>().OpenAsync(Ct);
        return await c.ExecuteScalarAsync<long?>("SELECT lease_until_ms FROM github_inbox WHERE delivery_id = 'slow-1';") ?? 0;
    }

    // A log sink that holds the ping handler (EventId 3020) until the test releases it.
    private sealed class SlowPingLog : ILoggerProvider, ILogger
    {
        private readonly ManualResetEventSlim released = new();
        private int pings;

        public ManualResetEventSlim Entered { get; } = new();

        public int Pings => pings;

        public void Release() => released.Set();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 3020)
            {
                Interlocked.Increment(ref pings);
                Entered.Set();
                released.Wait(TimeSpan.FromSeconds(60));
            }
        }

        public void Dispose()
        {
            released.Dispose();
            Entered.Dispose();
        }
    }
}
