using System.Net;
using BudgetBot.Auth;
using BudgetBot.Foresight;
using BudgetBot.Scheduling;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Foresight;

// run_costs keeps the estimates window plus a margin; the daily job deletes older runs in batches.
public sealed class RunCostPrunerTests : IAsyncLifetime
{
    private readonly TestApp app = new(TestPolicy.Default + "\nestimates: { windowDays: 10 }\n", new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" });
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    // Now is 2026-03-11 12:00; the cut is 10 + 62 days back, 2025-12-29 12:00.
    private async Task SeedAsync()
    {
        var events = new List<object>();
        for (var i = 1; i <= 5; i++)
        {
            events.Add(Event($"old{i}", occurredAt: $"2025-12-2{i}T10:00:00Z").With("costUsd", 1).With("repo", "acme/api").With("workflow", "triage").With("runId", i));
        }
        events.Add(Event("edge", occurredAt: "2025-12-29T13:00:00Z").With("costUsd", 1).With("repo", "acme/api").With("workflow", "triage").With("runId", 6));
        events.Add(Event("new", occurredAt: "2026-03-01T10:00:00Z").With("costUsd", 1).With("repo", "acme/api").With("workflow", "triage").With("runId", 7));
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/usage", Batch([.. events]))).StatusCode);
    }

    private async Task<List<string>> RunIdsAsync() =>
        (await app.Get<Database>().ReadAsync(c => c.QueryAsync<string>("SELECT run_id FROM run_costs ORDER BY run_id;"))).ToList();

    [Fact]
    public async Task Prune_DeletesRunsQuietPastTheWindowAndMargin_InBatches()
    {
        await SeedAsync();

        var deleted = await app.Get<RunCostPruner>().PruneAsync(TestApp.Start, batchSize: 2, TestContext.Current.CancellationToken);

        Assert.Equal(5, deleted);
        Assert.Equal(["6", "7"], await RunIdsAsync());
    }

    [Fact]
    public async Task ThePruneJob_IsScheduledDaily_AndRunsThroughTheScheduler()
    {
        await SeedAsync();
        var scheduler = app.Get<Scheduler>();
        await scheduler.RunDueAsync(TestApp.Start);

        var ran = await scheduler.RunDueAsync(TestApp.Start.AddDays(1));

        Assert.Contains("run-cost-prune", ran);
        Assert.Equal(["6", "7"], await RunIdsAsync());
    }
}
