using System.Data;
using System.Data.Common;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Usage;

namespace BudgetBot.Dashboard;

// The unit_spend rollup (migration 0020): per repo, PR, run, workflow, model, team, experiment,
// provider and hour, for events that name a PR or a run. The PR comment reads it instead of the
// PR's events, so its cost follows the PR's runs and models, not its events. Absent values are ''
// (pr 0), as they are part of the key. Written by DashboardRollups, inside the ingest transaction,
// with pr_unit_spend (migration 0022): the same without provider and hour, for the PR comment.
internal static class UnitSpend
{
    private const string Columns = "repo, pr, run_id, workflow, model, team, experiment, provider, hour_ms, events, unpriced_events, " +
        "input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, first_ms";

    private const string Values = "@Repo, @Pr, @RunId, @Workflow, @Model, @Team, @Experiment, @Provider, @HourMs, @Events, @Unpriced, " +
        "@Input, @Output, @CacheRead, @CacheWrite5m, @CacheWrite1h, @CostMicros, @FirstMs";

    private const string Sums = "events = events + {0}events, unpriced_events = unpriced_events + {0}unpriced_events, " +
        "input_tokens = input_tokens + {0}input_tokens, output_tokens = output_tokens + {0}output_tokens, " +
        "cache_read_tokens = cache_read_tokens + {0}cache_read_tokens, cache_write_5m_tokens = cache_write_5m_tokens + {0}cache_write_5m_tokens, " +
        "cache_write_1h_tokens = cache_write_1h_tokens + {0}cache_write_1h_tokens, cost_micros = cost_micros + {0}cost_micros";

    internal static readonly SqlStatement Upsert = new(
        "Dashboard.UpsertUnitSpend",
        $"INSERT INTO unit_spend ({Columns}) VALUES ({Values}) " +
        "ON CONFLICT (repo, pr, run_id, workflow, model, team, experiment, provider, hour_ms) DO UPDATE SET " +
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Sums, "excluded.") + ", first_ms = MIN(first_ms, excluded.first_ms);",
        "UPDATE unit_spend WITH (UPDLOCK, HOLDLOCK) SET events = events + @Events, unpriced_events = unpriced_events + @Unpriced, " +
        "input_tokens = input_tokens + @Input, output_tokens = output_tokens + @Output, cache_read_tokens = cache_read_tokens + @CacheRead, " +
        "cache_write_5m_tokens = cache_write_5m_tokens + @CacheWrite5m, cache_write_1h_tokens = cache_write_1h_tokens + @CacheWrite1h, " +
        "cost_micros = cost_micros + @CostMicros, first_ms = CASE WHEN first_ms < @FirstMs THEN first_ms ELSE @FirstMs END " +
        "WHERE repo = @Repo AND pr = @Pr AND run_id = @RunId AND workflow = @Workflow AND model = @Model AND team = @Team " +
        "AND experiment = @Experiment AND provider = @Provider AND hour_ms = @HourMs; " +
        $"IF @@ROWCOUNT = 0 INSERT INTO unit_spend ({Columns}) VALUES ({Values});");

    private const string PrColumns = "repo, pr, run_id, workflow, model, team, experiment, events, unpriced_events, " +
        "input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, first_ms";

    private const string PrValues = "@Repo, @Pr, @RunId, @Workflow, @Model, @Team, @Experiment, @Events, @Unpriced, " +
        "@Input, @Output, @CacheRead, @CacheWrite5m, @CacheWrite1h, @CostMicros, @FirstMs";

    internal static readonly SqlStatement UpsertPr = new(
        "Dashboard.UpsertPrUnitSpend",
        $"INSERT INTO pr_unit_spend ({PrColumns}) VALUES ({PrValues}) " +
        "ON CONFLICT (repo, pr, run_id, workflow, model, team, experiment) DO UPDATE SET " +
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Sums, "excluded.") + ", first_ms = MIN(first_ms, excluded.first_ms);",
        "UPDATE pr_unit_spend WITH (UPDLOCK, HOLDLOCK) SET events = events + @Events, unpriced_events = unpriced_events + @Unpriced, " +
        "input_tokens = input_tokens + @Input, output_tokens = output_tokens + @Output, cache_read_tokens = cache_read_tokens + @CacheRead, " +
        "cache_write_5m_tokens = cache_write_5m_tokens + @CacheWrite5m, cache_write_1h_tokens = cache_write_1h_tokens + @CacheWrite1h, " +
        "cost_micros = cost_micros + @CostMicros, first_ms = CASE WHEN first_ms < @FirstMs THEN first_ms ELSE @FirstMs END " +
        "WHERE repo = @Repo AND pr = @Pr AND run_id = @RunId AND workflow = @Workflow AND model = @Model AND team = @Team " +
        "AND experiment = @Experiment; " +
        $"IF @@ROWCOUNT = 0 INSERT INTO pr_unit_spend ({PrColumns}) VALUES ({PrValues});");

    // Each event counted in (sign 1) or, when a revision replaces it, taken out (sign -1).
    public static async Task ApplyAsync(Database db, DbConnection c, DbTransaction tx, IReadOnlyList<(PricedUsage Usage, int Sign)> stored)
    {
        // Combined per key first and applied in a fixed order, so concurrent batches cannot deadlock.
        var groups = stored.Where(s => s.Usage.Event.Pr is not null || s.Usage.Event.RunId is not null)
            .GroupBy(s => Key(s.Usage))
            .OrderBy(g => g.Key.Repo, StringComparer.Ordinal).ThenBy(g => g.Key.Pr)
            .ThenBy(g => $"{g.Key.RunId}\n{g.Key.Workflow}\n{g.Key.Model}\n{g.Key.Team}\n{g.Key.Experiment}\n{g.Key.Provider}", StringComparer.Ordinal)
            .ThenBy(g => g.Key.HourMs);
        await using var upsert = PreparedCommand.Create(db, c, tx, Upsert, ("Repo", DbType.String), ("Pr", DbType.Int32), ("RunId", DbType.String),
            ("Workflow", DbType.String), ("Model", DbType.String), ("Team", DbType.String), ("Experiment", DbType.String), ("Provider", DbType.String),
            ("HourMs", DbType.Int64), ("Events", DbType.Int64), ("Unpriced", DbType.Int64), ("Input", DbType.Int64), ("Output", DbType.Int64),
            ("CacheRead", DbType.Int64), ("CacheWrite5m", DbType.Int64), ("CacheWrite1h", DbType.Int64), ("CostMicros", DbType.Int64), ("FirstMs", DbType.Int64));
        foreach (var g in groups)
        {
            var (k, f) = (g.Key, Sum(g));
            await upsert.ExecuteAsync(k.Repo, k.Pr, k.RunId, k.Workflow, k.Model, k.Team, k.Experiment, k.Provider, k.HourMs,
                f.Events, f.Unpriced, f.Input, f.Output, f.CacheRead, f.CacheWrite5m, f.CacheWrite1h, f.CostMicros, f.FirstMs);
        }
        // The same keys without provider and hour, for events of a PR (pr 0 is none), in the same order.
        var prs = stored.Where(s => s.Usage.Event.Pr is not (null or 0))
            .GroupBy(s => Key(s.Usage) with { Provider = "", HourMs = 0 })
            .OrderBy(g => g.Key.Repo, StringComparer.Ordinal).ThenBy(g => g.Key.Pr)
            .ThenBy(g => $"{g.Key.RunId}\n{g.Key.Workflow}\n{g.Key.Model}\n{g.Key.Team}\n{g.Key.Experiment}", StringComparer.Ordinal);
        await using var upsertPr = PreparedCommand.Create(db, c, tx, UpsertPr, ("Repo", DbType.String), ("Pr", DbType.Int32), ("RunId", DbType.String),
            ("Workflow", DbType.String), ("Model", DbType.String), ("Team", DbType.String), ("Experiment", DbType.String),
            ("Events", DbType.Int64), ("Unpriced", DbType.Int64), ("Input", DbType.Int64), ("Output", DbType.Int64),
            ("CacheRead", DbType.Int64), ("CacheWrite5m", DbType.Int64), ("CacheWrite1h", DbType.Int64), ("CostMicros", DbType.Int64), ("FirstMs", DbType.Int64));
        foreach (var g in prs)
        {
            var (k, f) = (g.Key, Sum(g));
            await upsertPr.ExecuteAsync(k.Repo, k.Pr, k.RunId, k.Workflow, k.Model, k.Team, k.Experiment,
                f.Events, f.Unpriced, f.Input, f.Output, f.CacheRead, f.CacheWrite5m, f.CacheWrite1h, f.CostMicros, f.FirstMs);
        }
    }

    private static Figures Sum(IEnumerable<(PricedUsage Usage, int Sign)> g) => new(
        g.Sum(s => (long)s.Sign), g.Sum(s => s.Usage.Unpriced ? (long)s.Sign : 0),
        g.Sum(s => s.Sign * s.Usage.Event.InputTokens), g.Sum(s => s.Sign * s.Usage.Event.OutputTokens),
        g.Sum(s => s.Sign * s.Usage.Event.CacheReadTokens), g.Sum(s => s.Sign * s.Usage.Event.CacheWrite5mTokens),
        g.Sum(s => s.Sign * s.Usage.Event.CacheWrite1hTokens), g.Sum(s => s.Sign * s.Usage.CostMicros),
        g.Min(s => s.Usage.Event.OccurredAt.ToUnixTimeMilliseconds()));

    // One key's events combined, as both upserts add them.
    private readonly record struct Figures(
        long Events, long Unpriced, long Input, long Output, long CacheRead, long CacheWrite5m, long CacheWrite1h, long CostMicros, long FirstMs);

    private static (string Repo, int Pr, string RunId, string Workflow, string Model, string Team, string Experiment, string Provider, long HourMs) Key(PricedUsage p) =>
        (DashboardRollups.Repo(p), p.Event.Pr ?? 0, p.Event.RunId ?? "", p.Event.Workflow ?? "", p.CanonicalModel, p.Team, p.Event.Experiment ?? "",
            p.Event.Provider ?? p.InferredProvider ?? "", RollupDelta.HourOf(p.Event.OccurredAt.ToUnixTimeMilliseconds()));
}
