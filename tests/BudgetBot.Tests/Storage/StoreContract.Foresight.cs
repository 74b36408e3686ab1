using BudgetBot.Foresight;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Usage;
using Microsoft.Extensions.Logging.Abstractions;

namespace BudgetBot.Tests.Storage;

public abstract partial class StoreContract<TProvider>
{
    [Fact]
    public async Task RunCosts_AccumulatePerRunAndModel_AcrossBatches_AndFeedTheEstimates()
    {
        var runs = new RunCostStore(Db);
        var ingestor = new UsageIngestor(Db, new UsageStore(Db), new PriceCatalogProvider(PriceCatalog.LoadEmbedded()),
            StaticPolicy.Default, Clock, [], [runs], [], NullLogger<UsageIngestor>.Instance);
        var early = TestApp.Start.AddHours(-3);

        await ingestor.IngestAsync([Event("rc1", 1.5m, runId: "41", at: early), Event("rc2", 0.5m, runId: "41", at: early.AddMinutes(5))], Ct);
        await ingestor.IngestAsync([Event("rc3", 2m, runId: "41", at: early.AddMinutes(-5)), Event("rc4", 7m, runId: "42", at: early), Event("rc1", 1.5m, runId: "41", at: early)], Ct);

        var rows = await runs.WindowAsync(0, "acme/api", "claude-review", Ct);
        var run41 = Assert.Single(rows, r => r.RunKey == "acme/api|claude-review|41");
        Assert.Equal((4_000_000L, early.AddMinutes(5).ToUnixTimeMilliseconds()), (run41.CostMicros, run41.LastMs));
        Assert.Equal(2, rows.Count);
        Assert.Empty(await runs.WindowAsync(early.AddMinutes(6).ToUnixTimeMilliseconds(), null, null, Ct));
        Assert.Empty(await runs.WindowAsync(0, "acme/web", null, Ct));

        var estimates = await new EstimateService(runs, StaticPolicy.Default, Clock).EstimatesAsync("acme/api", null, Ct);
        Assert.Equal((2, 4m, 7m), (estimates.Runs.Count, estimates.Runs.P50Usd, estimates.Runs.P90Usd));
    }
}
