using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Routing;

// One hour of one workflow on one model and provider, from routing_mix.
internal sealed class MixRow
{
    public long HourMs { get; init; }
    public string Workflow { get; init; } = "";
    public string Model { get; init; } = "";
    public string Provider { get; init; } = "";
    public long Input { get; init; }
    public long Output { get; init; }
    public long CacheRead { get; init; }
    public long CacheWrite5m { get; init; }
    public long CacheWrite1h { get; init; }
    public long CostMicros { get; init; }
    public long Unpriced { get; init; }

    public long Tokens => Input + Output + CacheRead + CacheWrite5m + CacheWrite1h;
}

// Reads routing_mix (hours x team x workflow x model x provider), never usage_events: the rows a window
// reads grow with hours and models, not with events. Hours are whole: one starting before from is out.
internal sealed class RoutingStore(Database db)
{
    internal static readonly SqlStatement Mix = new(
        "Routing.Mix",
        "SELECT hour_ms AS HourMs, workflow AS Workflow, model AS Model, provider AS Provider, " +
        SqlSum.Of("input_tokens") + " AS Input, " + SqlSum.Of("output_tokens") + " AS Output, " + SqlSum.Of("cache_read_tokens") + " AS CacheRead, " +
        SqlSum.Of("cache_write_5m_tokens") + " AS CacheWrite5m, " + SqlSum.Of("cache_write_1h_tokens") + " AS CacheWrite1h, " +
        SqlSum.Of("cost_micros") + " AS CostMicros, " + SqlSum.Of("unpriced_events") + " AS Unpriced FROM routing_mix " +
        "WHERE hour_ms >= @FromMs AND hour_ms < @ToMs AND (@Workflow IS NULL OR workflow = @Workflow) " +
        "AND (@Team IS NULL OR team = @Team) GROUP BY hour_ms, workflow, model, provider;");

    public async Task<IReadOnlyList<MixRow>> RowsAsync(DateTimeOffset from, DateTimeOffset to, string? workflow, string? team, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<MixRow>(new CommandDefinition(db.Sql(Mix),
            new { FromMs = from.ToUnixTimeMilliseconds(), ToMs = to.ToUnixTimeMilliseconds(), Workflow = workflow, Team = team }, cancellationToken: ct)), ct)).ToList();
}
