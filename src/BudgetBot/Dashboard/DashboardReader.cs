using System.Text.Json;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Dashboard;

internal sealed record Gaps(long UnpricedEvents, long UnattributedMicros, long ReconciliationMicros);

// The dashboard's reads beyond the spend cube: each reads a rollup or a small table, never usage_events.
internal sealed class DashboardReader(Database db)
{
    internal static readonly SqlStatement Hourly = new(
        "Dashboard.Hourly",
        "SELECT hour_ms AS HourMs, cost_micros AS CostMicros FROM spend_rollups WHERE scope = @Scope AND hour_ms >= @From AND hour_ms < @To ORDER BY hour_ms;");

    internal static readonly SqlStatement GapFigures = new(
        "Dashboard.Gaps",
        "SELECT (SELECT COALESCE(SUM(unpriced_events), 0) FROM spend_rollups WHERE scope = 'org' AND hour_ms >= @From AND hour_ms < @To) AS UnpricedEvents, " +
        "(SELECT COALESCE(SUM(cost_micros), 0) FROM spend_rollups WHERE scope = 'team:unassigned' AND hour_ms >= @From AND hour_ms < @To) AS UnattributedMicros, " +
        "(SELECT COALESCE(SUM(remainder_micros), 0) FROM provider_reconciliations WHERE day_ms >= @From AND day_ms < @To) AS ReconciliationMicros;");

    internal static readonly SqlStatement Alerts = new(
        "Dashboard.Alerts",
        "SELECT period_start_ms AS PeriodStartMs, threshold AS Threshold, channel AS Channel, sent_at_ms AS SentAtMs FROM alerts_sent " +
        "WHERE budget_id = @BudgetId ORDER BY sent_at_ms DESC;");

    private const string PrColumns = "s.repo AS Repo, s.pr AS Pr, s.cost_micros AS CostMicros, s.events AS Events, s.last_ms AS LastMs, " +
        "p.title AS Title, p.state AS State, COALESCE(p.merged, 0) AS Merged, p.merged_at_ms AS MergedAtMs " +
        "FROM dashboard_pr_spend s LEFT JOIN pull_requests p ON p.repo = s.repo AND p.number = s.pr";

    // @Repos: a JSON array of the repositories a member sees (DashboardViewer.Repos), null for all.
    private const string InRepos = "(@Repos IS NULL OR s.repo IN (SELECT value FROM json_each(@Repos)))";

    private const string InReposServer = "(@Repos IS NULL OR s.repo IN (SELECT value FROM OPENJSON(@Repos)))";

    internal static readonly SqlStatement OpenPrs = new(
        "Dashboard.OpenPrs",
        $"SELECT {PrColumns} WHERE (p.state IS NULL OR p.state = 'open') AND {InRepos} ORDER BY s.cost_micros DESC LIMIT 20;",
        $"SELECT TOP 20 {PrColumns} WHERE (p.state IS NULL OR p.state = 'open') AND {InReposServer} ORDER BY s.cost_micros DESC;");

    internal static readonly SqlStatement MergedPrs = new(
        "Dashboard.MergedPrs",
        $"SELECT {PrColumns} WHERE p.merged = 1 AND p.merged_at_ms >= @From AND {InRepos} ORDER BY s.cost_micros DESC LIMIT 20;",
        $"SELECT TOP 20 {PrColumns} WHERE p.merged = 1 AND p.merged_at_ms >= @From AND {InReposServer} ORDER BY s.cost_micros DESC;");

    // The repositories with PR spend: few, so a member's are picked from them by the policy's patterns.
    internal static readonly SqlStatement PrRepos = new("Dashboard.PrRepos", "SELECT DISTINCT repo FROM dashboard_pr_spend;");

    internal static readonly SqlStatement OnePr = new("Dashboard.OnePr", $"SELECT {PrColumns} WHERE s.repo = @Repo AND s.pr = @Pr;");

    public async Task<IReadOnlyList<(long HourMs, long CostMicros)>> HourlyAsync(BudgetScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(long, long)>(db.Sql(Hourly), new { Scope = scope.ToString(), From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() })).ToList();
    }

    public async Task<Gaps> GapsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleAsync<Gaps>(db.Sql(GapFigures), new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds() });
    }

    public Task<IReadOnlyList<AlertRow>> AlertsAsync(string budgetId, CancellationToken ct) => ListAsync<AlertRow>(Alerts, new { BudgetId = budgetId }, ct);

    public Task<IReadOnlyList<PrRow>> OpenPrsAsync(IReadOnlyList<string>? repos, CancellationToken ct) =>
        ListAsync<PrRow>(OpenPrs, new { Repos = Json(repos) }, ct);

    public Task<IReadOnlyList<PrRow>> MergedPrsAsync(DateTimeOffset since, IReadOnlyList<string>? repos, CancellationToken ct) =>
        ListAsync<PrRow>(MergedPrs, new { From = since.ToUnixTimeMilliseconds(), Repos = Json(repos) }, ct);

    public Task<IReadOnlyList<string>> PrReposAsync(CancellationToken ct) => ListAsync<string>(PrRepos, null, ct);

    public async Task<PrRow?> PrAsync(string repo, int pr, CancellationToken ct) =>
        (await ListAsync<PrRow>(OnePr, new { Repo = repo.ToLowerInvariant(), Pr = pr }, ct)).FirstOrDefault();

    internal static string? Json(IReadOnlyList<string>? values) => values is null ? null : JsonSerializer.Serialize(values);

    private async Task<IReadOnlyList<T>> ListAsync<T>(SqlStatement statement, object? args, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<T>(db.Sql(statement), args)).ToList();
    }
}
