using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Alerts;

// Reads over usage_events for alerts and digests. Runaway spend is by when the work happened
// (occurred_at), so a backfilled report of old work does not look like a runaway.
internal sealed class AlertQueries(Database db)
{
    internal static readonly SqlStatement PrSpendSince = new(
        "Alerts.PrSpendSince",
        "SELECT " + SqlSum.Of("cost_micros") + " FROM usage_events WHERE repo = @Repo AND pr = @Pr AND occurred_at_ms > @FromMs;");

    internal static readonly SqlStatement RunSpendSince = new(
        "Alerts.RunSpendSince",
        "SELECT " + SqlSum.Of("cost_micros") + " FROM usage_events WHERE repo = @Repo AND run_id = @RunId AND occurred_at_ms > @FromMs;");

    internal static readonly ScopeQuery UnpricedModels = new(
        "Alerts.UnpricedModels",
        "SELECT model AS Model, COUNT(*) AS Events FROM usage_events WHERE unpriced = 1 AND occurred_at_ms >= @FromMs " +
        "AND occurred_at_ms < @ToMs AND {scope} GROUP BY model ORDER BY model;",
        "SELECT model AS Model, COUNT_BIG(*) AS Events FROM usage_events WHERE unpriced = 1 AND occurred_at_ms >= @FromMs " +
        "AND occurred_at_ms < @ToMs AND {scope} GROUP BY model ORDER BY model;");

    internal static readonly SqlStatement TeamWorkflows = new(
        "Alerts.TeamWorkflows",
        "SELECT workflow AS Workflow, " + SqlSum.Of("cost_micros") + " AS CostMicros, COUNT(DISTINCT run_id) AS Runs FROM usage_events " +
        "WHERE team = @Team AND workflow IS NOT NULL AND occurred_at_ms >= @FromMs AND occurred_at_ms < @ToMs GROUP BY workflow;",
        "SELECT workflow AS Workflow, " + SqlSum.Of("cost_micros") + " AS CostMicros, COUNT_BIG(DISTINCT run_id) AS Runs FROM usage_events " +
        "WHERE team = @Team AND workflow IS NOT NULL AND occurred_at_ms >= @FromMs AND occurred_at_ms < @ToMs GROUP BY workflow;");

    internal static readonly SqlStatement PrWorkflows = new(
        "Alerts.PrWorkflows",
        "SELECT team AS Team, workflow AS Workflow, " + SqlSum.Of("cost_micros") + " AS CostMicros FROM usage_events " +
        "WHERE repo = @Repo AND pr = @Pr AND workflow IS NOT NULL GROUP BY team, workflow;");

    // A workflow's spend per UTC day from the hourly dashboard rollups: O(hours x models), not events.
    internal static readonly SqlStatement WorkflowHours = new(
        "Alerts.WorkflowHours",
        "SELECT hour_ms AS HourMs, " + SqlSum.Of("cost_micros") + " AS CostMicros FROM dashboard_spend " +
        "WHERE hour_ms >= @FromMs AND hour_ms < @ToMs AND repo = @Repo AND workflow = @Workflow GROUP BY hour_ms;");

    public async Task<Dictionary<DateOnly, long>> WorkflowDaysAsync(string repo, string workflow, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rows = await db.ReadAsync(c => c.QueryAsync<(long HourMs, long CostMicros)>(new CommandDefinition(db.Sql(WorkflowHours),
            new { FromMs = from.ToUnixTimeMilliseconds(), ToMs = to.ToUnixTimeMilliseconds(), Repo = repo, Workflow = workflow }, cancellationToken: ct)), ct);
        return rows.GroupBy(r => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(r.HourMs).UtcDateTime))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.CostMicros));
    }

    // Team scopes of the hourly rollups (what budgets read), for the digest's chart.
    internal static readonly SqlStatement TeamHours = new(
        "Alerts.TeamHours",
        "SELECT scope AS Scope, hour_ms AS HourMs, cost_micros AS CostMicros FROM spend_rollups " +
        "WHERE scope LIKE 'team:%' AND hour_ms >= @FromMs AND hour_ms < @ToMs AND cost_micros <> 0;");

    public Task<List<TeamDaySpend>> TeamSpendByDayAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        db.ReadAsync(async c => (await c.QueryAsync<(string Scope, long HourMs, long CostMicros)>(db.Sql(TeamHours),
                new { FromMs = from.ToUnixTimeMilliseconds(), ToMs = to.ToUnixTimeMilliseconds() }))
            .GroupBy(r => (Day: DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(r.HourMs).UtcDateTime), Team: r.Scope["team:".Length..]))
            .Select(g => new TeamDaySpend(g.Key.Day, g.Key.Team, g.Sum(r => r.CostMicros))).ToList(), ct);

    public Task<long> PrSpendSinceAsync(string repo, int pr, DateTimeOffset from, CancellationToken ct) =>
        db.ReadAsync(c => c.ExecuteScalarAsync<long>(db.Sql(PrSpendSince),
            new { Repo = repo.ToLowerInvariant(), Pr = pr, FromMs = from.ToUnixTimeMilliseconds() }), ct);

    public Task<long> RunSpendSinceAsync(string repo, string runId, DateTimeOffset from, CancellationToken ct) =>
        db.ReadAsync(c => c.ExecuteScalarAsync<long>(db.Sql(RunSpendSince),
            new { Repo = repo.ToLowerInvariant(), RunId = runId, FromMs = from.ToUnixTimeMilliseconds() }), ct);

    // The span is half-open.
    public Task<List<UnpricedModel>> UnpricedModelsAsync(BudgetScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var args = ScopeQuery.Args(scope, new { FromMs = from.ToUnixTimeMilliseconds(), ToMs = to.ToUnixTimeMilliseconds() });
        // Tuples, not the record: on an empty SQLite result Dapper sees untyped columns and refuses a constructor.
        return db.ReadAsync(async c => (await c.QueryAsync<(string Model, long Events)>(db.Sql(UnpricedModels.For(scope)), args))
            .Select(r => new UnpricedModel(r.Model, r.Events)).ToList(), ct);
    }

    public Task<List<DigestWorkflowSpend>> TeamWorkflowsAsync(string team, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        db.ReadAsync(async c => (await c.QueryAsync<(string Workflow, long Cost, long Runs)>(db.Sql(TeamWorkflows),
                new { Team = team, FromMs = from.ToUnixTimeMilliseconds(), ToMs = to.ToUnixTimeMilliseconds() }))
            .Select(r => new DigestWorkflowSpend(r.Workflow, r.Cost, r.Runs)).ToList(), ct);

    // All-time spend on one pull request, by team and workflow (for cost per merged PR).
    public Task<List<(string Team, string Workflow, long CostMicros)>> PrWorkflowsAsync(string repo, int pr, CancellationToken ct) =>
        db.ReadAsync(async c => (await c.QueryAsync<(string, string, long)>(db.Sql(PrWorkflows),
            new { Repo = repo.ToLowerInvariant(), Pr = pr })).ToList(), ct);
}

// A model the catalog cannot price yet: its events count tokens but no money until it can.
internal sealed record UnpricedModel(string Model, long Events);
