using BudgetBot.Budgets;
using BudgetBot.Scheduling;
using BudgetBot.Storage;
using Cronos;
using Dapper;

namespace BudgetBot.Foresight;

// run_costs grows by a row per run and model; estimates read only the policy's window and /api/units a
// report range, so rows quiet for longer than estimates.windowDays + MarginDays go, daily, in batches
// of short transactions so ingestion (which upserts the same table) never waits long
// (docs/decisions/run-costs-retention.md).
internal sealed partial class RunCostPruner(Database db, IPolicyProvider policy, TimeProvider clock, ILogger<RunCostPruner> logger) : IScheduledJob
{
    // Two months past the window: /api/units for this month and the last keeps its runs.
    public const int MarginDays = 62;
    public const int BatchSize = 1000;

    private static readonly CronExpression Daily = CronExpression.Parse("17 3 * * *");

    internal static readonly SqlStatement DeleteBatch = new(
        "Foresight.PruneRunCosts",
        "DELETE FROM run_costs WHERE rowid IN (SELECT rowid FROM run_costs WHERE last_ms < @CutMs LIMIT @Batch);",
        "DELETE TOP (@Batch) FROM run_costs WHERE last_ms < @CutMs;");

    public string Name => "run-cost-prune";

    public CronExpression? Schedule(BudgetPolicy policy) => Daily;

    public async Task RunAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        var deleted = await PruneAsync(clock.GetUtcNow(), BatchSize, ct);
        LogPruned(logger, deleted, occurrence);
    }

    public async Task<long> PruneAsync(DateTimeOffset now, int batchSize, CancellationToken ct)
    {
        var cut = now.AddDays(-(policy.Current.Estimates.WindowDays + MarginDays)).ToUnixTimeMilliseconds();
        long total = 0;
        while (true)
        {
            var n = await db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(db.Sql(DeleteBatch), new { CutMs = cut, Batch = batchSize }, tx, cancellationToken: ct)), ct);
            total += n;
            if (n < batchSize)
            {
                return total;
            }
        }
    }

    [LoggerMessage(EventId = 19001, Level = LogLevel.Information, Message = "run_costs pruning for {Occurrence:o}: {Deleted} rows older than the estimates window and its margin removed")]
    private static partial void LogPruned(ILogger logger, long deleted, DateTimeOffset occurrence);
}
