using BudgetBot.Outbox;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BudgetBot.Tests.Outbox;

public sealed class OutboxCoalescingTests : IAsyncLifetime
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"budgetbot-outbox-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider clock = new(TestApp.Start);
    private Database db = null!;
    private OutboxStore store = null!;

    public async ValueTask InitializeAsync()
    {
        db = new Database(new StorageOptions { ConnectionString = $"Data Source={path}" });
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(clock);
        store = new OutboxStore(db, clock);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }
        return ValueTask.CompletedTask;
    }

    private OutboxEnqueue Comment(string payload) => new("github", "pr-comment", "github:acme/api#1:comment", payload, clock.GetUtcNow(), Coalesce: true);

    private async Task<List<(string State, string Payload, long DueAtMs, long Attempts)>> RowsAsync()
    {
        await using var c = await db.OpenAsync();
        return (await c.QueryAsync<(string, string, long, long)>("SELECT state, payload, due_at_ms, attempts FROM outbox_messages ORDER BY id")).ToList();
    }

    [Fact]
    public async Task NewerMessageForAWaitingTarget_ReplacesItsPayload_InOneRow()
    {
        await store.EnqueueAsync(Comment("v1"));
        await store.EnqueueAsync(Comment("v2"));
        var rows = await RowsAsync();
        Assert.Equal("v2", Assert.Single(rows).Payload);
    }

    [Fact]
    public async Task NewerMessage_KeepsTheBackOffOfARowThatIsWaitingToRetry()
    {
        await store.EnqueueAsync(Comment("v1"));
        var claimed = Assert.Single(await store.ClaimAsync("w", 10, TimeSpan.FromMinutes(2)));
        var retryAt = clock.GetUtcNow().AddSeconds(60);
        await store.RescheduleAsync(claimed.Id, "w", retryAt, "429 Retry-After 60");

        await store.EnqueueAsync(Comment("v2"));

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(("pending", "v2", retryAt.ToUnixTimeMilliseconds(), 1L), row);
        Assert.Empty(await store.ClaimAsync("w", 10, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task NewerMessage_QueuesBehindARowInFlight()
    {
        await store.EnqueueAsync(Comment("v1"));
        Assert.Single(await store.ClaimAsync("w", 10, TimeSpan.FromMinutes(2)));

        await store.EnqueueAsync(Comment("v2"));

        Assert.Equal(["v1", "v2"], (await RowsAsync()).Select(r => r.Payload));
        Assert.Empty(await store.ClaimAsync("other", 10, TimeSpan.FromMinutes(2)));
    }
}
