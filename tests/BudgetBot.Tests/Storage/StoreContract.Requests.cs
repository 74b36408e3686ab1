using BudgetBot.Budgets;
using BudgetBot.Alerts;
using BudgetBot.Auth;
using BudgetBot.Slack;

namespace BudgetBot.Tests.Storage;

// Budget requests, experiments, alerts sent and API tokens.
public abstract partial class StoreContract<TProvider>
{
    private BudgetRequestRow Request(TimeSpan expiresIn) => new(
        0, BudgetRequestRow.Increase, "platform", 500_000_000, "eval run", "U0DEV", "C0PLATFORM", null, BudgetRequestRow.Pending,
        0, Clock.GetUtcNow().Add(expiresIn).ToUnixTimeMilliseconds(), null, null, null, null);

    [Fact]
    public async Task Request_IsDecidedByOneClickOnly_AndItsCardIsSetOnce()
    {
        var requests = new BudgetRequestStore(Db);
        var now = Clock.GetUtcNow();
        var id = await Db.WriteAsync((c, tx) => requests.InsertAsync(c, tx, Request(TimeSpan.FromHours(72)), now), Ct);
        var other = await Db.WriteAsync((c, tx) => requests.InsertAsync(c, tx, Request(TimeSpan.FromHours(72)), now), Ct);
        Assert.NotEqual(id, other);
        Assert.Equal([id, other], (await requests.PendingAsync(now, Ct)).Select(r => r.Id));

        var clicks = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            Db.WriteAsync((c, tx) => requests.DecideAsync(c, tx, id, "approved", "U0LEAD" + i, null, now), Ct)));
        await requests.PostedAsync("slack:card:BR-" + id, "C0PLATFORM", "1773230400.000101", Ct);
        await requests.PostedAsync("slack:card:BR-" + id, "C0ELSEWHERE", "1773230401.000202", Ct);

        Assert.Equal(1, clicks.Count(c => c));
        var row = await Db.ReadAsync(c => requests.FindAsync(c, null, id), Ct);
        Assert.Equal(("approved", 500_000_000L, "C0PLATFORM", "1773230400.000101"), (row!.State, row.AmountMicros, row.Channel, row.CardTs));
        Assert.Equal([other], (await requests.PendingAsync(now, Ct)).Select(r => r.Id));
    }

    [Fact]
    public async Task Request_ExpiresOnceAtItsExpiry_AndCannotBeDecidedAfter()
    {
        var requests = new BudgetRequestStore(Db);
        var id = await Db.WriteAsync((c, tx) => requests.InsertAsync(c, tx, Request(TimeSpan.FromHours(1)), Clock.GetUtcNow()), Ct);
        Assert.Empty(await Db.WriteAsync((c, tx) => requests.DueForExpiryAsync(c, tx, Clock.GetUtcNow()), Ct));
        Assert.False(await Db.WriteAsync((c, tx) => requests.ExpireAsync(c, tx, id, Clock.GetUtcNow()), Ct));

        Clock.Advance(TimeSpan.FromHours(1));
        var now = Clock.GetUtcNow();

        Assert.Equal([id], (await Db.WriteAsync((c, tx) => requests.DueForExpiryAsync(c, tx, now), Ct)).Select(r => r.Id));
        Assert.False(await Db.WriteAsync((c, tx) => requests.DecideAsync(c, tx, id, "approved", "U0LEAD1", null, now), Ct));
        Assert.True(await Db.WriteAsync((c, tx) => requests.ExpireAsync(c, tx, id, now), Ct));
        Assert.False(await Db.WriteAsync((c, tx) => requests.ExpireAsync(c, tx, id, now), Ct));
        Assert.Equal("expired", (await Db.ReadAsync(c => requests.FindAsync(c, null, id), Ct))!.State);
        Assert.Empty(await requests.PendingAsync(now, Ct));
    }

    [Fact]
    public async Task Experiment_NameIsTakenForGood_AndIsActiveOnlyUntilItsExpiry()
    {
        var experiments = new ExperimentStore(Db);
        var now = Clock.GetUtcNow();
        Task<bool> Open(long micros) => Db.WriteAsync((c, tx) =>
            experiments.OpenAsync(c, tx, "try-o3", micros, now, now.AddDays(7), "compare reviewers", "U0LEAD1", null), Ct);

        Assert.True(await Open(5_000_000));
        Assert.False(await Open(9_000_000));

        Assert.True(await experiments.ExistsAsync("try-o3", Ct));
        Assert.False(await experiments.ExistsAsync("try-o4", Ct));
        var active = Assert.Single(await experiments.ActiveAsync(now.AddDays(7).AddMilliseconds(-1), Ct));
        Assert.Equal(("experiment:try-o3", 5m, now, now.AddDays(7)), (active.Id, active.AmountUsd, active.Period.Start, active.Period.End));
        Assert.Empty(await experiments.ActiveAsync(now.AddDays(7), Ct));
        Assert.Empty(await experiments.ActiveAsync(now.AddMilliseconds(-1), Ct));
    }

    [Fact]
    public async Task Alert_IsRecordedOncePerThresholdAndOncePerRunawayWindow()
    {
        var alerts = new AlertStore(Db);
        var now = Clock.GetUtcNow();
        var period = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        Task<bool> Threshold(int percent) => Db.WriteAsync((c, tx) => alerts.TryRecordThresholdAsync(c, tx, "platform", period, percent, "C0PLATFORM", now), Ct);
        Task<bool> Runaway(DateTimeOffset window) => Db.WriteAsync((c, tx) => alerts.TryRecordOnceAsync(c, tx, "run:acme/api/42", window, 60_000_000, null, now), Ct);

        var eighty = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Threshold(80)));
        Assert.Equal(1, eighty.Count(x => x));
        Assert.True(await Threshold(100));
        Assert.True(await Runaway(now));
        Assert.False(await Runaway(now));
        Assert.True(await Runaway(now.AddHours(1)));
    }

    [Fact]
    public async Task Token_IsFoundOnlyByItsOwnValue_WithItsScopes()
    {
        var tokens = new ApiTokenStore(Db, Clock);
        var ingest = await tokens.CreateAsync("ci", [Scopes.Ingest], Ct);
        var admin = await tokens.CreateAsync("ops", [Scopes.Read, Scopes.Admin], Ct);

        Assert.NotEqual(ingest, admin);
        Assert.Equal("ci: ingest", Identity(await tokens.FindAsync(ingest, Ct)));
        Assert.Equal("ops: read, admin", Identity(await tokens.FindAsync(admin, Ct)));
        Assert.Null(await tokens.FindAsync(ingest + "x", Ct));
    }

    private static string Identity(TokenIdentity? t) => $"{t!.Name}: {string.Join(", ", t.Scopes)}";
}
