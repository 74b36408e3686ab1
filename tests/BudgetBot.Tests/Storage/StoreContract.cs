using BudgetBot.Budgets;
using BudgetBot.Foresight;
using BudgetBot.Preflight;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Usage;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BudgetBot.Tests.Storage;

// One contract over every store, generic over the engine (DapperLib/Dapper's AsyncTests<TProvider>):
// each sealed subclass (SqliteStoreContract, SqlServerStoreContract) runs all of it on a fresh
// database of its own. Every store has at least one test that inserts, repeats the insert, and reads
// back, so every statement's text for the engine is executed. The partial files group the stores.
public abstract partial class StoreContract<TProvider> : IAsyncLifetime
    where TProvider : StoreProvider, new()
{
    private readonly TProvider provider = new();
    private Database? db;

    protected FakeTimeProvider Clock { get; } = new(TestApp.Start);

    internal Database Db => db ?? throw new InvalidOperationException("not initialised");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(provider.SkipReason is not null, provider.SkipReason ?? "");
        db = await provider.CreateAsync(Ct);
        await Migrator().MigrateAsync(Clock, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DropAsync();
        GC.SuppressFinalize(this);
    }

    private Migrator Migrator() => new(Db, NullLogger<Migrator>.Instance);

    private UsageIngestor Ingestor() => new(Db, new UsageStore(Db), new PriceCatalogProvider(PriceCatalog.LoadEmbedded()),
        StaticPolicy.Default, Clock, [], [new BudgetBot.Dashboard.DashboardRollups(Db)], [], NullLogger<UsageIngestor>.Instance);

    private BudgetStatusService Budgets() => new([new PolicyBudgetSource(StaticPolicy.Default)], new BudgetLedger(Db), Db, Clock);

    private PreflightService Preflight() =>
        new(Db, Budgets(), new BudgetLedger(Db), StaticPolicy.Default, Clock, Options.Create(new PreflightOptions()),
            new EstimateService(new RunCostStore(Db), StaticPolicy.Default, Clock));

    private static UsageEvent Event(string id, decimal cost, string? runId = null, DateTimeOffset? at = null, string? experiment = null) => new()
    {
        Id = id, Source = "contract", OccurredAt = at ?? TestApp.Start.AddHours(-1), Model = "claude-haiku-4-5",
        CostUsd = cost, Workflow = "claude-review", Repo = "acme/api", RunId = runId, Experiment = experiment,
    };

    [Fact]
    public async Task Migrate_IsIdempotent_AndSafeWhenTwoInstancesStartTogether()
    {
        var counts = await Task.WhenAll(Migrator().MigrateAsync(Clock), Migrator().MigrateAsync(Clock));
        Assert.Equal([0, 0], counts);
        Assert.True(await Migrator().IsCurrentAsync());
    }

    [Fact]
    public async Task Usage_IsIdempotentOnSourceAndId_AndRollsUp()
    {
        var first = await Ingestor().IngestAsync([Event("a", 1.5m), Event("b", 2m), Event("a", 1.5m)]);
        var again = await Ingestor().IngestAsync([Event("a", 1.5m), Event("c", 0.25m)]);
        Assert.Equal(new IngestResult(2, 1), first);
        Assert.Equal(new IngestResult(1, 1), again);
        var status = await Budgets().FindAsync("review-agents");
        Assert.Equal(3.75m, status!.SpentUsd);
    }

    [Fact]
    public async Task ConcurrentBatches_CountEveryEventOnce()
    {
        var batches = Enumerable.Range(0, 8).Select(b => Enumerable.Range(0, 25).Select(i => Event($"e{(b * 25 + i) % 100}", 0.01m)).ToList());
        var results = await Task.WhenAll(batches.Select(b => Ingestor().IngestAsync(b)));
        Assert.Equal(100, results.Sum(r => r.Accepted));
        Assert.Equal(1m, (await Budgets().FindAsync("review-agents"))!.SpentUsd);
    }

    [Theory]
    [InlineData("org")]
    [InlineData("team:platform")]
    [InlineData("repo:acme/api")]
    [InlineData("workflow:claude-review")]
    [InlineData("experiment:try-o3")]
    public async Task Ledger_CountsAPeriodThatStartsAndEndsMidHour_FromRollupsAndRawEdges(string scope)
    {
        var day = TestApp.Start.AddDays(-1);
        await Ingestor().IngestAsync([
            Event("before", 1m, at: day.AddMinutes(10), experiment: "try-o3"),
            Event("first-edge", 2m, at: day.AddMinutes(40), experiment: "try-o3"),
            Event("whole-hour", 4m, at: day.AddMinutes(80), experiment: "try-o3"),
            Event("after", 8m, at: day.AddMinutes(170), experiment: "try-o3"),
        ]);
        var budget = new ActiveBudget("b", BudgetScope.Parse(scope), 100m, Enforcement.Hard, new BudgetPeriod(day.AddMinutes(30), day.AddMinutes(150)), [80]);

        var figures = await new BudgetLedger(Db).FiguresAsync(budget, Clock.GetUtcNow(), Ct);

        Assert.Equal(6_000_000, figures.SpentMicros);
    }

    [Fact]
    public async Task Grant_IsWrittenOncePerRequest_AndAuditedOnce()
    {
        var audit = new AuditLog(Db);
        var grants = new GrantStore(Db, audit);
        var now = Clock.GetUtcNow();
        var start = (await Budgets().FindAsync("review-agents"))!.PeriodStart;
        var grant = new Grant("review-agents", 5_000_000, start, now, null, "increase", "more", 42, "U0LEAD1");
        var added = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Db.WriteAsync((c, tx) => grants.AddAsync(c, tx, grant, now))));
        Assert.Equal(1, added.Count(a => a));
        Assert.Equal(5m, (await Budgets().FindAsync("review-agents"))!.GrantedUsd);
        var entries = await Db.ReadAsync(async c => (await c.QueryAsync<(string, string, string)>(
            "SELECT actor, action, subject FROM audit_log;")).ToList(), Ct);
        Assert.Equal([("U0LEAD1", "grant.added", "budget:review-agents")], entries);
    }

    [Fact]
    public async Task Preflight_FiftyInParallelAgainstRoomForTen_AllowsExactlyTen()
    {
        var service = Preflight();
        var asks = Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            service.DecideAsync(new PreflightRequest(null, null, "claude-review", null, null, "run-" + i, 10m))));
        var answers = await Task.WhenAll(asks);
        Assert.Equal(10, answers.Count(a => a.Allowed));
        Assert.Equal(100m, (await Budgets().FindAsync("review-agents"))!.ReservedUsd);
    }

    [Fact]
    public async Task Usage_ReleasesItsRunsReservation()
    {
        await Preflight().DecideAsync(new PreflightRequest(null, null, "claude-review", null, null, "42", 10m));
        await Ingestor().IngestAsync([Event("r", 2m, runId: "42")]);
        var status = await Budgets().FindAsync("review-agents");
        Assert.Equal(0m, status!.ReservedUsd);
        Assert.Equal(2m, status.SpentUsd);
    }
}
