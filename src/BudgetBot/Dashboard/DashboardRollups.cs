using System.Data;
using System.Data.Common;
using BudgetBot.Storage;
using BudgetBot.Usage;
using BudgetBot.Budgets;

namespace BudgetBot.Dashboard;

// Keeps the dashboard's rollups (per hour and dimension, per PR, and UnitSpend's, which also answers per
// run) in the ingestion transaction. Deltas are combined per key first, so a 500-event batch costs a few upserts.
internal sealed class DashboardRollups(Database db) : IUsageWriteHook
{
    internal static readonly SqlStatement UpsertSpend = new(
        "Dashboard.UpsertSpend",
        "INSERT INTO dashboard_spend (hour_ms, team, repo, workflow, model, provider, cost_micros, events, unpriced_events, " +
        "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens) " +
        "VALUES (@HourMs, @Team, @Repo, @Workflow, @Model, @Provider, @CostMicros, @Events, @Unpriced, @Input, @Output, @CacheRead, @CacheWrite) " +
        "ON CONFLICT (hour_ms, team, repo, workflow, model, provider) DO UPDATE SET cost_micros = cost_micros + excluded.cost_micros, " +
        "events = events + excluded.events, unpriced_events = unpriced_events + excluded.unpriced_events, " +
        "input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, " +
        "cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens;",
        "UPDATE dashboard_spend WITH (UPDLOCK, HOLDLOCK) SET cost_micros = cost_micros + @CostMicros, events = events + @Events, " +
        "unpriced_events = unpriced_events + @Unpriced, input_tokens = input_tokens + @Input, output_tokens = output_tokens + @Output, " +
        "cache_read_tokens = cache_read_tokens + @CacheRead, cache_write_tokens = cache_write_tokens + @CacheWrite " +
        "WHERE hour_ms = @HourMs AND team = @Team AND repo = @Repo AND workflow = @Workflow " +
        "AND model = @Model AND provider = @Provider; IF @@ROWCOUNT = 0 INSERT INTO dashboard_spend " +
        "(hour_ms, team, repo, workflow, model, provider, cost_micros, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens) " +
        "VALUES (@HourMs, @Team, @Repo, @Workflow, @Model, @Provider, @CostMicros, @Events, @Unpriced, @Input, @Output, @CacheRead, @CacheWrite);");

    internal static readonly SqlStatement UpsertPr = new(
        "Dashboard.UpsertPr",
        "INSERT INTO dashboard_pr_spend (repo, pr, cost_micros, events, last_ms) VALUES (@Repo, @Pr, @CostMicros, @Events, @LastMs) " +
        "ON CONFLICT (repo, pr) DO UPDATE SET cost_micros = cost_micros + excluded.cost_micros, events = events + excluded.events, " +
        "last_ms = MAX(last_ms, excluded.last_ms);",
        "UPDATE dashboard_pr_spend WITH (UPDLOCK, HOLDLOCK) SET cost_micros = cost_micros + @CostMicros, events = events + @Events, " +
        "last_ms = CASE WHEN last_ms > @LastMs THEN last_ms ELSE @LastMs END WHERE repo = @Repo AND pr = @Pr; " +
        "IF @@ROWCOUNT = 0 INSERT INTO dashboard_pr_spend (repo, pr, cost_micros, events, last_ms) VALUES (@Repo, @Pr, @CostMicros, @Events, @LastMs);");

    public Task OnInsertedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> stored, long nowMs, CancellationToken ct) =>
        ApplyAsync(c, tx, stored.Select(p => new Signed(p, 1)).ToList());

    // Out with the event as it was counted, in with it as it is: a repricing moves it from unpriced
    // under its raw model to priced under the catalog's name; a remainder follows the latest bill.
    public Task OnRevisedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<UsageRevision> revised, long nowMs, CancellationToken ct) =>
        ApplyAsync(c, tx, revised.SelectMany(r => new[] { new Signed(r.Before, -1), new Signed(r.After, 1) }).ToList());

    private async Task ApplyAsync(DbConnection c, DbTransaction tx, List<Signed> stored)
    {
        // Fixed key order keeps concurrent batches from deadlocking on SQL Server.
        var spend = stored
            .GroupBy(s => (Hour: RollupDelta.HourOf(s.P.Event.OccurredAt.ToUnixTimeMilliseconds()), s.P.Team, Repo: Repo(s.P),
                Workflow: s.P.Event.Workflow ?? "", Model: s.P.CanonicalModel, Provider: s.P.Event.Provider ?? s.P.InferredProvider ?? ""))
            .OrderBy(g => g.Key.Hour).ThenBy(g => $"{g.Key.Team}\n{g.Key.Repo}\n{g.Key.Workflow}\n{g.Key.Model}\n{g.Key.Provider}", StringComparer.Ordinal);
        await using (var upsert = PreparedCommand.Create(db, c, tx, UpsertSpend, ("HourMs", DbType.Int64), ("Team", DbType.String), ("Repo", DbType.String),
            ("Workflow", DbType.String), ("Model", DbType.String), ("Provider", DbType.String), ("CostMicros", DbType.Int64), ("Events", DbType.Int64),
            ("Unpriced", DbType.Int64), ("Input", DbType.Int64), ("Output", DbType.Int64), ("CacheRead", DbType.Int64), ("CacheWrite", DbType.Int64)))
        {
            foreach (var g in spend)
            {
                await upsert.ExecuteAsync(g.Key.Hour, g.Key.Team, g.Key.Repo, g.Key.Workflow, g.Key.Model, g.Key.Provider,
                    g.Sum(s => s.Sign * s.P.CostMicros), g.Sum(s => (long)s.Sign), g.Sum(s => s.P.Unpriced ? (long)s.Sign : 0),
                    g.Sum(s => s.Sign * s.P.Event.InputTokens), g.Sum(s => s.Sign * s.P.Event.OutputTokens), g.Sum(s => s.Sign * s.P.Event.CacheReadTokens),
                    g.Sum(s => s.Sign * (s.P.Event.CacheWrite5mTokens + s.P.Event.CacheWrite1hTokens)));
            }
        }
        await using (var upsert = PreparedCommand.Create(db, c, tx, UpsertPr,
            ("Repo", DbType.String), ("Pr", DbType.Int32), ("CostMicros", DbType.Int64), ("Events", DbType.Int64), ("LastMs", DbType.Int64)))
        {
            foreach (var g in stored.Where(s => s.P.Event.Pr is not null && s.P.Event.Repo is not null)
                         .GroupBy(s => (Repo: Repo(s.P), Pr: s.P.Event.Pr!.Value)).OrderBy(g => g.Key.Repo, StringComparer.Ordinal).ThenBy(g => g.Key.Pr))
            {
                await upsert.ExecuteAsync(g.Key.Repo, g.Key.Pr, g.Sum(s => s.Sign * s.P.CostMicros), g.Sum(s => (long)s.Sign),
                    g.Max(s => s.P.Event.OccurredAt.ToUnixTimeMilliseconds()));
            }
        }
        await UnitSpend.ApplyAsync(db, c, tx, stored.Select(s => (s.P, s.Sign)).ToList());
    }

    internal static string Repo(PricedUsage p) => p.Event.Repo?.ToLowerInvariant() ?? "";

    // A stored event counted in (+1) or taken out (-1).
    private readonly record struct Signed(PricedUsage P, int Sign);
}
