using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;

namespace BudgetBot.Benchmarks;

// (b) GET /api/budgets/{id} latency with 10,000 and 1,000,000 events in the budget's period. Status
// reads hourly rollups, so the second should cost about what the first does.
public class BudgetStatusBenchmarks
{
    private const string BudgetId = "platform";

    private BenchHost host = null!;

    [Params(10_000, 1_000_000)]
    public int EventsInPeriod { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        host = await BenchHost.StartAsync();
        await UsageSeeder.SeedAsync(host, BudgetId, EventsInPeriod);
        // The seeded spend must show, or the benchmark would time an empty ledger.
        var status = await host.Http.GetFromJsonAsync<StatusResponse>("/api/budgets/" + BudgetId);
        if (status is not { SpentUsd: > 0 })
        {
            throw new InvalidOperationException("The seeded events do not show in the budget's status.");
        }
    }

    [Benchmark(Description = "GET /api/budgets/{id}")]
    public async Task<string> GetBudget() => await host.Http.GetStringAsync("/api/budgets/" + BudgetId);

    [GlobalCleanup]
    public async Task CleanupAsync() => await host.DisposeAsync();

    private sealed record StatusResponse(decimal SpentUsd);
}
