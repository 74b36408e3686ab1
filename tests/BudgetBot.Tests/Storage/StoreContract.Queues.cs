using BudgetBot.GitHub;
using BudgetBot.Outbox;
using BudgetBot.Scheduling;
using Dapper;

namespace BudgetBot.Tests.Storage;

// The inbox, the outbox and the job runs: insert-first queues with leases.
public abstract partial class StoreContract<TProvider>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Inbox_StoresADeliveryOnce_LeasesIt_AndRequeuesAFinishedOne()
    {
        var inbox = new InboxStore(Db, Clock);
        Assert.True(await inbox.AddAsync("d-1", "pull_request", "42", "{}", Ct));
        Assert.False(await inbox.AddAsync("d-1", "pull_request", "42", "{\"again\":1}", Ct));

        var claimed = Assert.Single(await inbox.ClaimAsync("me", 10, Lease, Ct));
        Assert.Equal(("d-1", "pull_request", "42", "{}", 0L), (claimed.DeliveryId, claimed.Event, claimed.HookTargetId, claimed.Body, claimed.Attempts));
        Assert.Empty(await inbox.ClaimAsync("other", 10, Lease, Ct));

        await inbox.FinishAsync(claimed.Id, "me", "done", "opened", null, Ct);
        Clock.Advance(Lease * 2);
        Assert.Empty(await inbox.ClaimAsync("other", 10, Lease, Ct));

        Assert.Equal(1, await inbox.RequeueAsync("d-1", Ct));
        Assert.Equal(0, await inbox.RequeueAsync("d-1", Ct));
        Assert.Equal("d-1", Assert.Single(await inbox.ClaimAsync("other", 10, Lease, Ct)).DeliveryId);
    }

    [Fact]
    public async Task Inbox_RetriesUntilPoison_AndRequeueAllGivesFreshAttempts()
    {
        var inbox = new InboxStore(Db, Clock);
        await inbox.AddAsync("d-2", "check_run", null, "{}", Ct);
        for (var i = 0; i < InboxStore.MaxAttempts; i++)
        {
            var delivery = Assert.Single(await inbox.ClaimAsync("me", 10, Lease, Ct));
            Assert.Equal(i, delivery.Attempts);
            await inbox.RescheduleAsync(delivery.Id, "me", Clock.GetUtcNow(), "parsed", "boom " + i, Ct);
        }
        Assert.Empty(await inbox.ClaimAsync("me", 10, Lease, Ct));
        var state = await Db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT state FROM github_inbox WHERE delivery_id = 'd-2';"), Ct);
        Assert.Equal("poison", state);

        Assert.Equal(1, await inbox.RequeueAsync(null, Ct));

        var revived = Assert.Single(await inbox.ClaimAsync("me", 10, Lease, Ct));
        Assert.Equal((0L, $"boom {InboxStore.MaxAttempts - 1}"), (revived.Attempts, revived.LastError));
    }

    [Fact]
    public async Task Outbox_CoalescesAWaitingMessage_AndLeasesOneMessagePerTargetAtATime()
    {
        var outbox = new OutboxStore(Db, Clock);
        var now = Clock.GetUtcNow();
        await outbox.EnqueueAsync(new OutboxEnqueue("github", "comment", "pr:acme/api#1", "v1", now, Coalesce: true), Ct);
        await outbox.EnqueueAsync(new OutboxEnqueue("github", "comment", "pr:acme/api#1", "v2", now, Coalesce: true), Ct);
        await outbox.EnqueueAsync(new OutboxEnqueue("slack", "chat.postMessage", "slack:C0PLATFORM", "a", now, Coalesce: false), Ct);

        var claimed = (await outbox.ClaimAsync("me", 10, Lease, Ct)).OrderBy(m => m.Id).ToList();
        Assert.Equal([("pr:acme/api#1", "v2"), ("slack:C0PLATFORM", "a")], claimed.Select(m => (m.Target, m.Payload)));

        await outbox.EnqueueAsync(new OutboxEnqueue("github", "comment", "pr:acme/api#1", "v3", now, Coalesce: true), Ct);
        Assert.Empty(await outbox.ClaimAsync("other", 10, Lease, Ct));

        await outbox.FinishAsync(claimed[0].Id, "me", "sent", null, Ct);
        Assert.Equal("v3", Assert.Single(await outbox.ClaimAsync("other", 10, Lease, Ct)).Payload);
    }

    [Fact]
    public async Task Outbox_FailsAfterMaxAttempts_AndRequeueRevivesIt()
    {
        var outbox = new OutboxStore(Db, Clock);
        await outbox.EnqueueAsync(new OutboxEnqueue("slack", "chat.update", "slack:card:BR-1", "x", Clock.GetUtcNow(), Coalesce: false), Ct);
        for (var i = 0; i < OutboxStore.MaxAttempts; i++)
        {
            var message = Assert.Single(await outbox.ClaimAsync("me", 10, Lease, Ct));
            Assert.Equal(i, message.Attempts);
            await outbox.RescheduleAsync(message.Id, "me", Clock.GetUtcNow(), "429", Ct);
        }
        Assert.Empty(await outbox.ClaimAsync("me", 10, Lease, Ct));

        Assert.Equal(1, await outbox.RequeueFailedAsync(Ct));
        Assert.Equal(0, await outbox.RequeueFailedAsync(Ct));

        Assert.Equal(0, Assert.Single(await outbox.ClaimAsync("me", 10, Lease, Ct)).Attempts);
    }

    [Fact]
    public async Task JobRun_IsClaimedOncePerOccurrence_AndRemembersTheLatest()
    {
        var runs = new JobRunStore(Db);
        var now = Clock.GetUtcNow();
        Assert.Null(await runs.LastOccurrenceAsync("digest", Ct));

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => runs.TryClaimAsync("digest", now, "instance-" + i, now, Ct)));
        Assert.Equal(1, claims.Count(c => c));
        await runs.FinishAsync("digest", now, new string('x', 3000), now.AddSeconds(5), Ct);
        Assert.True(await runs.TryClaimAsync("digest", now.AddDays(1), "instance-0", now, Ct));

        Assert.Equal(now.AddDays(1), await runs.LastOccurrenceAsync("digest", Ct));
        var (error, finished) = await Db.ReadAsync(c => c.QuerySingleAsync<(string, long)>(
            "SELECT error, finished_at_ms FROM job_runs WHERE job = 'digest' AND occurrence_ms = @Ms;", new { Ms = now.ToUnixTimeMilliseconds() }), Ct);
        Assert.Equal((2000, now.AddSeconds(5).ToUnixTimeMilliseconds()), (error.Length, finished));
    }
}
