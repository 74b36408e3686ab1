using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Foresight;

// The one query of units of work (GET /api/units, spend.csv, the dashboard's units page): runs whose
// latest usage falls in [from, to), with their GitHub conclusion and PR state, from run_costs: O(runs).
internal sealed class UnitsStore(Database db)
{
    internal static readonly SqlStatement Runs = new(
        "Foresight.UnitRuns",
        "SELECT rc.repo AS Repo, rc.workflow AS Workflow, rc.run_key AS RunKey, rc.pr AS Pr, rc.cost_micros AS CostMicros, " +
        "rc.first_ms AS FirstMs, rc.last_ms AS LastMs, wr.conclusion AS Conclusion, p.state AS PrState, " +
        "CAST(COALESCE(p.merged, 0) AS BIGINT) AS Merged, p.merged_at_ms AS MergedAtMs " +
        "FROM run_costs rc LEFT JOIN workflow_runs wr ON wr.repo = rc.repo AND wr.run_id = rc.run_id " +
        "LEFT JOIN pull_requests p ON p.repo = rc.repo AND p.number = rc.pr " +
        "WHERE rc.last_ms >= @From AND rc.last_ms < @To;");

    public async Task<IReadOnlyList<UnitRow>> RowsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<UnitRow>(new CommandDefinition(db.Sql(Runs),
            new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() }, cancellationToken: ct)), ct)).ToList();
}
