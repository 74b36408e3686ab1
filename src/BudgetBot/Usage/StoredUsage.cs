using BudgetBot.Storage;

namespace BudgetBot.Usage;

// A usage_events row read back as the PricedUsage it was rolled up as: the stored model is the
// catalog's name and the stored provider the one the rollups keyed it under, so a revision built from
// it takes out exactly what was put in. Settable properties: SQLite gives Dapper no column types to
// match a constructor by.
internal sealed class StoredUsage
{
    private const string Columns =
        "source AS Source, event_id AS EventId, occurred_at_ms AS OccurredAtMs, model AS Model, model_raw AS ModelRaw, provider AS Provider, " +
        "input_tokens AS InputTokens, output_tokens AS OutputTokens, cache_read_tokens AS CacheReadTokens, " +
        "cache_write_5m_tokens AS CacheWrite5mTokens, cache_write_1h_tokens AS CacheWrite1hTokens, cost_micros AS CostMicros, " +
        "reported_cost_micros AS ReportedCostMicros, list_cost_micros AS ListCostMicros, unpriced AS Unpriced, repo AS Repo, pr AS Pr, " +
        "branch AS Branch, sha AS Sha, run_id AS RunId, run_attempt AS RunAttempt, job_id AS JobId, workflow AS Workflow, actor AS Actor, " +
        "team AS Team, experiment AS Experiment";

    public string Source { get; set; } = "";
    public string EventId { get; set; } = "";
    public long OccurredAtMs { get; set; }
    public string Model { get; set; } = "";
    public string? ModelRaw { get; set; }
    public string? Provider { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long CacheReadTokens { get; set; }
    public long CacheWrite5mTokens { get; set; }
    public long CacheWrite1hTokens { get; set; }
    public long CostMicros { get; set; }
    public long? ReportedCostMicros { get; set; }
    public long? ListCostMicros { get; set; }
    public long Unpriced { get; set; }
    public string? Repo { get; set; }
    public int? Pr { get; set; }
    public string? Branch { get; set; }
    public string? Sha { get; set; }
    public string? RunId { get; set; }
    public int? RunAttempt { get; set; }
    public string? JobId { get; set; }
    public string? Workflow { get; set; }
    public string? Actor { get; set; }
    public string Team { get; set; } = "";
    public string? Experiment { get; set; }

    // The rows of usage_events a filter selects, locked on SQL Server until the caller's transaction
    // ends, so the UPDATE that follows with the same filter changes exactly these rows.
    public static SqlStatement Select(string name, string where) => new(
        name,
        $"SELECT {Columns} FROM usage_events WHERE {where};",
        $"SELECT {Columns} FROM usage_events WITH (UPDLOCK, HOLDLOCK) WHERE {where};");

    public PricedUsage ToPriced() => new(
        new UsageEvent
        {
            Id = EventId, Source = Source, OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(OccurredAtMs), Model = ModelRaw ?? Model,
            Provider = Provider, InputTokens = InputTokens, OutputTokens = OutputTokens, CacheReadTokens = CacheReadTokens,
            CacheWrite5mTokens = CacheWrite5mTokens, CacheWrite1hTokens = CacheWrite1hTokens, Repo = Repo, Pr = Pr, Branch = Branch, Sha = Sha,
            RunId = RunId, RunAttempt = RunAttempt, JobId = JobId, Workflow = Workflow, Actor = Actor, Team = Team, Experiment = Experiment,
        },
        Team, CostMicros, ReportedCostMicros, ListCostMicros, Unpriced != 0)
    {
        CanonicalModel = Model,
    };
}
