using System.Data.Common;
using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Usage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Usage;

// Issue 15 item 13: the PR refreshes and alert checks of stored usage are outbox rows written in the
// ingest transaction itself, so the usage and what must follow it commit together or not at all.
public sealed class UsageEffectTests
{
    [Fact]
    public async Task RefreshAndAlertRows_CommitInTheIngestTransaction_OrNotAtAll()
    {
        var probe = new ProbeEffect();
        await using var app = new TestApp { ConfigureTestServices = s => s.AddSingleton<IUsageEffect>(probe) };
        var client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        var batch = Batch(Event("a").With("costUsd", 2).With("repo", "acme/api").With("pr", 7),
            Event("b").With("costUsd", 3).With("repo", "acme/web").With("pr", 8));

        // The transaction breaks after every effect wrote its rows (the probe runs last): nothing stays.
        probe.Fail = true;
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.PostJsonAsync("/api/usage", batch)).StatusCode);
        Assert.Equal(["alerts usage-check", "github check-run", "github check-run", "github pr-comment", "github pr-comment"], probe.SeenInTransaction);
        Assert.Equal(0L, await CountAsync(app, "SELECT COUNT(*) FROM usage_events;"));
        Assert.Equal(0L, await CountAsync(app, "SELECT COUNT(*) FROM outbox_messages;"));

        // The client's resend stores the batch, and its rows with it.
        probe.Fail = false;
        var response = await client.PostJsonAsync("/api/usage", batch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.ReadAsync()).GetProperty("accepted").GetInt32());
        // In any state: the worker is awake and may already have sent one (a loaded run saw 1 pending).
        Assert.Equal(2L, await CountAsync(app, "SELECT COUNT(*) FROM outbox_messages WHERE kind = 'pr-comment';"));
        Assert.Equal(1L, await CountAsync(app, "SELECT COUNT(*) FROM outbox_messages WHERE kind = 'usage-check' AND state = 'sent';"));
    }

    private static async Task<long> CountAsync(TestApp app, string sql)
    {
        await using var c = await app.Get<BudgetBot.Storage.Database>().OpenAsync(TestContext.Current.CancellationToken);
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private sealed class ProbeEffect : IUsageEffect
    {
        public bool Fail { get; set; }

        public List<string> SeenInTransaction { get; } = [];

        public async Task<Func<CancellationToken, Task>> ScheduleAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> stored, CancellationToken ct)
        {
            if (Fail)
            {
                SeenInTransaction.AddRange(await c.QueryAsync<string>("SELECT channel || ' ' || kind FROM outbox_messages ORDER BY channel, kind;", transaction: tx));
                throw new InvalidOperationException("the process died here");
            }
            return _ => Task.CompletedTask;
        }
    }
}
