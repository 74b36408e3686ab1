using System.Data.Common;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Slack;

// The requests table. A decision is one conditional UPDATE on state = 'pending' (and not yet
// expired): whoever's UPDATE changes the row decided it; every other click changes nothing.
internal sealed class BudgetRequestStore(Database db) : ISlackPostedObserver
{
    private const string Columns =
        "id AS Id, kind AS Kind, budget_id AS BudgetId, amount_micros AS AmountMicros, reason AS Reason, requester AS Requester, " +
        "channel AS Channel, experiment_days AS ExperimentDays, state AS State, created_at_ms AS CreatedAtMs, expires_at_ms AS ExpiresAtMs, " +
        "decided_by AS DecidedBy, decided_at_ms AS DecidedAtMs, decision_note AS DecisionNote, card_ts AS CardTs";

    internal static readonly SqlStatement Insert = new(
        "SlackRequests.Insert",
        "INSERT INTO slack_requests (kind, budget_id, amount_micros, reason, requester, channel, experiment_days, state, created_at_ms, expires_at_ms) " +
        "VALUES (@Kind, @BudgetId, @AmountMicros, @Reason, @Requester, @Channel, @ExperimentDays, 'pending', @Now, @ExpiresAtMs) RETURNING id;",
        "INSERT INTO slack_requests (kind, budget_id, amount_micros, reason, requester, channel, experiment_days, state, created_at_ms, expires_at_ms) " +
        "OUTPUT inserted.id VALUES (@Kind, @BudgetId, @AmountMicros, @Reason, @Requester, @Channel, @ExperimentDays, 'pending', @Now, @ExpiresAtMs);");

    internal static readonly SqlStatement Find = new("SlackRequests.Find", $"SELECT {Columns} FROM slack_requests WHERE id = @Id;");

    internal static readonly SqlStatement Pending = new(
        "SlackRequests.Pending",
        $"SELECT {Columns} FROM slack_requests WHERE state = 'pending' AND expires_at_ms > @Now ORDER BY id LIMIT 20;",
        $"SELECT TOP (20) {Columns} FROM slack_requests WHERE state = 'pending' AND expires_at_ms > @Now ORDER BY id;");

    internal static readonly SqlStatement DueForExpiry = new(
        "SlackRequests.DueForExpiry",
        $"SELECT {Columns} FROM slack_requests WHERE state = 'pending' AND expires_at_ms <= @Now ORDER BY id;");

    internal static readonly SqlStatement Decide = new(
        "SlackRequests.Decide",
        "UPDATE slack_requests SET state = @State, decided_by = @By, decided_at_ms = @Now, decision_note = @Note " +
        "WHERE id = @Id AND state = 'pending' AND expires_at_ms > @Now;");

    internal static readonly SqlStatement Expire = new(
        "SlackRequests.Expire",
        "UPDATE slack_requests SET state = 'expired', decided_at_ms = @Now WHERE id = @Id AND state = 'pending' AND expires_at_ms <= @Now;");

    internal static readonly SqlStatement SetCard = new(
        "SlackRequests.SetCard",
        "UPDATE slack_requests SET card_ts = @Ts, channel = @Channel WHERE id = @Id AND card_ts IS NULL;");

    public Task<long> InsertAsync(DbConnection c, DbTransaction tx, BudgetRequestRow r, DateTimeOffset now) =>
        c.ExecuteScalarAsync<long>(db.Sql(Insert), new
        {
            r.Kind, r.BudgetId, r.AmountMicros, r.Reason, r.Requester, r.Channel, r.ExperimentDays,
            Now = now.ToUnixTimeMilliseconds(), r.ExpiresAtMs,
        }, tx);

    public Task<BudgetRequestRow?> FindAsync(DbConnection c, DbTransaction? tx, long id) =>
        c.QuerySingleOrDefaultAsync<BudgetRequestRow>(db.Sql(Find), new { Id = id }, tx);

    public async Task<IReadOnlyList<BudgetRequestRow>> PendingAsync(DateTimeOffset now, CancellationToken ct) =>
        await db.ReadAsync(async c => (await c.QueryAsync<BudgetRequestRow>(db.Sql(Pending), new { Now = now.ToUnixTimeMilliseconds() })).ToList(), ct);

    public async Task<IReadOnlyList<BudgetRequestRow>> DueForExpiryAsync(DbConnection c, DbTransaction tx, DateTimeOffset now) =>
        (await c.QueryAsync<BudgetRequestRow>(db.Sql(DueForExpiry), new { Now = now.ToUnixTimeMilliseconds() }, tx)).ToList();

    public async Task<bool> DecideAsync(DbConnection c, DbTransaction tx, long id, string state, string by, string? note, DateTimeOffset now) =>
        await c.ExecuteAsync(db.Sql(Decide), new { Id = id, State = state, By = by, Note = note, Now = now.ToUnixTimeMilliseconds() }, tx) == 1;

    public async Task<bool> ExpireAsync(DbConnection c, DbTransaction tx, long id, DateTimeOffset now) =>
        await c.ExecuteAsync(db.Sql(Expire), new { Id = id, Now = now.ToUnixTimeMilliseconds() }, tx) == 1;

    public Task SetCardAsync(DbConnection c, DbTransaction tx, long id, string channel, string ts) =>
        c.ExecuteAsync(db.Sql(SetCard), new { Id = id, Channel = channel, Ts = ts }, tx);

    public Task PostedAsync(string target, string channel, string ts, CancellationToken ct) =>
        target.StartsWith("slack:card:", StringComparison.Ordinal) && BudgetRequestRow.ParseDisplayId(target["slack:card:".Length..]) is { } id
            ? db.WriteAsync((c, tx) => SetCardAsync(c, tx, id, channel, ts), ct)
            : Task.CompletedTask;
}
