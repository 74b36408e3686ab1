using System.Data.Common;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Providers;

// The reported-spend sums reconciliation needs, and the per-account figures the report reads.
internal sealed class ReconciliationStore(Database db)
{
    internal static readonly SqlStatement Reported = new(
        "Reconcile.Reported",
        "SELECT occurred_at_ms - (occurred_at_ms % 86400000) AS DayMs, provider AS Provider, model AS Model, team AS Team, " +
        SqlSum.Of("cost_micros") + " AS CostMicros FROM usage_events WHERE occurred_at_ms >= @FromMs AND occurred_at_ms < @ToMs " +
        "AND source NOT LIKE 'reconcile:%' GROUP BY occurred_at_ms - (occurred_at_ms % 86400000), provider, model, team;");

    internal static readonly SqlStatement Save = new(
        "Reconcile.Save",
        "INSERT INTO provider_reconciliations (provider, day_ms, account, team, reported_micros, billed_micros, remainder_micros, tokens, " +
        "list_micros, updated_at_ms) VALUES (@Provider, @DayMs, @Account, @Team, @ReportedMicros, @BilledMicros, @RemainderMicros, @Tokens, " +
        "@ListMicros, @UpdatedAtMs) ON CONFLICT (provider, day_ms, account) DO UPDATE SET team = excluded.team, " +
        "reported_micros = excluded.reported_micros, billed_micros = excluded.billed_micros, remainder_micros = excluded.remainder_micros, " +
        "tokens = excluded.tokens, list_micros = excluded.list_micros, updated_at_ms = excluded.updated_at_ms;",
        "UPDATE provider_reconciliations WITH (UPDLOCK, HOLDLOCK) SET team = @Team, reported_micros = @ReportedMicros, " +
        "billed_micros = @BilledMicros, remainder_micros = @RemainderMicros, tokens = @Tokens, list_micros = @ListMicros, " +
        "updated_at_ms = @UpdatedAtMs WHERE provider = @Provider AND day_ms = @DayMs AND account = @Account; " +
        "IF @@ROWCOUNT = 0 INSERT INTO provider_reconciliations (provider, day_ms, account, team, reported_micros, billed_micros, " +
        "remainder_micros, tokens, list_micros, updated_at_ms) VALUES (@Provider, @DayMs, @Account, @Team, @ReportedMicros, @BilledMicros, " +
        "@RemainderMicros, @Tokens, @ListMicros, @UpdatedAtMs);");

    internal static readonly SqlStatement Range = new(
        "Reconcile.Range",
        "SELECT provider AS Provider, day_ms AS DayMs, account AS Account, team AS Team, reported_micros AS ReportedMicros, " +
        "billed_micros AS BilledMicros, remainder_micros AS RemainderMicros, tokens AS Tokens, list_micros AS ListMicros " +
        "FROM provider_reconciliations WHERE day_ms >= @FromMs AND day_ms < @ToMs ORDER BY day_ms, provider, account;");

    public async Task<IReadOnlyList<ReportedSpend>> ReportedAsync(DbConnection c, DbTransaction tx, long fromMs, long toMs) =>
        [.. (await c.QueryAsync<ReportedRow>(db.Sql(Reported), new { FromMs = fromMs, ToMs = toMs }, tx))
            .Select(r => new ReportedSpend(r.DayMs, r.Provider, r.Model, r.Team, r.CostMicros))];

    public Task SaveAsync(DbConnection c, DbTransaction tx, ReconciliationLine line, long nowMs) =>
        c.ExecuteAsync(db.Sql(Save), new
        {
            line.Provider, DayMs = ReconciliationPlanner.DayMs(line.Day), line.Account, line.Team, line.ReportedMicros, line.BilledMicros,
            line.RemainderMicros, line.Tokens, line.ListMicros, UpdatedAtMs = nowMs,
        }, tx);

    public Task<IReadOnlyList<ReconciliationRow>> RangeAsync(long fromMs, long toMs, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<ReconciliationRow>>(async c =>
            [.. await c.QueryAsync<ReconciliationRow>(new CommandDefinition(db.Sql(Range), new { FromMs = fromMs, ToMs = toMs }, cancellationToken: ct))], ct);

    // Settable properties, not a positional record: SQLite gives computed columns no declared type,
    // so Dapper cannot match a constructor by column types.
    private sealed class ReportedRow
    {
        public long DayMs { get; set; }

        public string? Provider { get; set; }

        public string Model { get; set; } = "";

        public string Team { get; set; } = "";

        public long CostMicros { get; set; }
    }
}

// Spend agents reported themselves (every usage source except reconciliation), summed per UTC day,
// provider, model and team. Provider is null when the source did not say; the model decides then.
internal sealed record ReportedSpend(long DayMs, string? Provider, string Model, string Team, long CostMicros);

internal sealed record ReconciliationRow(
    string Provider, long DayMs, string Account, string Team, long ReportedMicros, long BilledMicros, long RemainderMicros, long Tokens, long ListMicros);
