using System.Data;
using System.Data.Common;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Outbox;

internal sealed class OutboxStore(Database db, TimeProvider clock)
{
    public const int MaxAttempts = 10;

    // Coalescing: the target's waiting row (at most one: none is added while one waits) takes the
    // newest payload in place, keeping a retry's back-off or Retry-After; a row in flight is left
    // alone and a new one queues behind it.
    internal static readonly SqlStatement Refresh = new(
        "Outbox.Refresh",
        "UPDATE outbox_messages SET payload = @Payload, kind = @Kind, " +
        "due_at_ms = CASE WHEN attempts > 0 AND due_at_ms > @DueAtMs THEN due_at_ms ELSE @DueAtMs END " +
        "WHERE target = @Target AND state = 'pending' AND (lease_until_ms IS NULL OR lease_until_ms < @Now);");

    internal static readonly SqlStatement Insert = new(
        "Outbox.Insert",
        "INSERT INTO outbox_messages (channel, kind, target, payload, state, created_at_ms, due_at_ms, attempts) " +
        "VALUES (@Channel, @Kind, @Target, @Payload, 'pending', @Now, @DueAtMs, 0);");

    // Only the oldest pending message of a target is claimable, and none while another message
    // of that target is leased: writes to one PR or one Slack card never overlap or reorder.
    private const string Claimable =
        "(@Channel IS NULL OR m.channel = @Channel) AND m.state = 'pending' AND m.due_at_ms <= @Now AND (m.lease_until_ms IS NULL OR m.lease_until_ms < @Now) " +
        "AND NOT EXISTS (SELECT 1 FROM outbox_messages o WHERE o.target = m.target AND o.state = 'pending' " +
        "AND (o.id < m.id OR o.lease_until_ms >= @Now))";

    internal static readonly SqlStatement Claim = new(
        "Outbox.Claim",
        "UPDATE outbox_messages SET lease_owner = @Owner, lease_until_ms = @Until WHERE id IN " +
        $"(SELECT m.id FROM outbox_messages m WHERE {Claimable} ORDER BY m.id LIMIT @Limit) " +
        "RETURNING id AS Id, channel AS Channel, kind AS Kind, target AS Target, payload AS Payload, attempts AS Attempts;",
        "WITH next AS (SELECT TOP (@Limit) * FROM outbox_messages m WITH (UPDLOCK, READPAST, ROWLOCK) " +
        $"WHERE {Claimable} ORDER BY m.id) UPDATE next SET lease_owner = @Owner, lease_until_ms = @Until " +
        "OUTPUT inserted.id AS Id, inserted.channel AS Channel, inserted.kind AS Kind, inserted.target AS Target, " +
        "inserted.payload AS Payload, inserted.attempts AS Attempts;");

    internal static readonly SqlStatement Finish = new(
        "Outbox.Finish",
        "UPDATE outbox_messages SET state = @State, sent_at_ms = @SentAtMs, last_error = @Error, lease_owner = NULL, " +
        "lease_until_ms = NULL WHERE id = @Id AND lease_owner = @Owner;");

    internal static readonly SqlStatement Reschedule = new(
        "Outbox.Reschedule",
        "UPDATE outbox_messages SET attempts = attempts + 1, due_at_ms = @DueAtMs, last_error = @Error, " +
        "state = CASE WHEN attempts + 1 >= @MaxAttempts THEN 'failed' ELSE 'pending' END, lease_owner = NULL, " +
        "lease_until_ms = NULL WHERE id = @Id AND lease_owner = @Owner;");

    internal static readonly SqlStatement Requeue = new(
        "Outbox.Requeue",
        "UPDATE outbox_messages SET state = 'pending', attempts = 0, due_at_ms = created_at_ms, lease_owner = NULL, lease_until_ms = NULL " +
        "WHERE state = 'failed';");

    internal static readonly SqlStatement RequeueOne = new(
        "Outbox.RequeueOne",
        "UPDATE outbox_messages SET state = 'pending', attempts = 0, due_at_ms = created_at_ms, lease_owner = NULL, lease_until_ms = NULL " +
        "WHERE id = @Id AND state <> 'pending';");

    // Waiting out Retry-After or a rate limit: due later, the attempt not counted.
    internal static readonly SqlStatement Defer = new(
        "Outbox.Defer",
        "UPDATE outbox_messages SET due_at_ms = @DueAtMs, last_error = @Error, lease_owner = NULL, lease_until_ms = NULL " +
        "WHERE id = @Id AND lease_owner = @Owner;");

    internal static readonly SqlStatement Extend = new(
        "Outbox.Extend",
        "UPDATE outbox_messages SET lease_until_ms = @Until WHERE channel = @Channel AND lease_owner = @Owner AND state = 'pending';");

    // At start: what this instance held when it stopped is nobody's now.
    internal static readonly SqlStatement Release = new(
        "Outbox.Release",
        "UPDATE outbox_messages SET lease_owner = NULL, lease_until_ms = NULL WHERE lease_owner = @Owner AND state = 'pending';");

    internal static readonly SqlStatement Channels = new(
        "Outbox.Channels",
        "SELECT DISTINCT channel FROM outbox_messages WHERE state = 'pending';");

    // Work done at once by its enqueuer (AlertCheckEffect): its fallback row is closed unless a worker holds it.
    internal static readonly SqlStatement Close = new(
        "Outbox.Close",
        "UPDATE outbox_messages SET state = 'sent', sent_at_ms = @Now WHERE target = @Target AND state = 'pending' " +
        "AND (lease_until_ms IS NULL OR lease_until_ms < @Now);");

    internal static readonly SqlStatement CountFailed = new(
        "Outbox.CountFailed",
        "SELECT COUNT(*) FROM outbox_messages WHERE state = 'failed';");

    public Task EnqueueAsync(OutboxEnqueue message, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => EnqueueAsync(c, tx, message), ct);

    // Many messages in the caller's transaction (the PR refreshes of an ingested batch), each as
    // EnqueueAsync would, through two prepared commands instead of a compiled pair per message.
    public async Task EnqueueAllAsync(DbConnection c, DbTransaction tx, IEnumerable<OutboxEnqueue> messages)
    {
        (string, DbType)[] columns = [("Channel", DbType.String), ("Kind", DbType.String), ("Target", DbType.String), ("Payload", DbType.String),
            ("Now", DbType.Int64), ("DueAtMs", DbType.Int64)];
        await using var refresh = PreparedCommand.Create(db, c, tx, Refresh, columns);
        await using var insert = PreparedCommand.Create(db, c, tx, Insert, columns);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var m in messages)
        {
            object?[] values = [m.Channel, m.Kind, m.Target, m.Payload, now, m.DueAt.ToUnixTimeMilliseconds()];
            if (!m.Coalesce || await refresh.ExecuteAsync(values) == 0)
            {
                await insert.ExecuteAsync(values);
            }
        }
    }

    // Joins the caller's transaction, so the decision and its message commit together.
    public async Task EnqueueAsync(DbConnection c, DbTransaction tx, OutboxEnqueue m)
    {
        var args = new { m.Channel, m.Kind, m.Target, m.Payload, Now = clock.GetUtcNow().ToUnixTimeMilliseconds(), DueAtMs = m.DueAt.ToUnixTimeMilliseconds() };
        if (m.Coalesce && await c.ExecuteAsync(db.Sql(Refresh), args, tx) > 0)
        {
            return;
        }
        await c.ExecuteAsync(db.Sql(Insert), args, tx);
    }

    // Every channel, or only one (the worker drains each destination on its own).
    public Task<List<OutboxMessage>> ClaimAsync(string owner, int limit, TimeSpan lease, CancellationToken ct = default, string? channel = null)
    {
        var now = clock.GetUtcNow();
        return db.WriteAsync(async (c, tx) => (await c.QueryAsync<OutboxMessage>(db.Sql(Claim), new
        {
            Owner = owner, Until = (now + lease).ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds(), Limit = limit, Channel = channel,
        }, tx)).ToList(), ct);
    }

    public Task CloseAsync(string target, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Close), new { Target = target, Now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, tx), ct);

    public Task<List<string>> PendingChannelsAsync(CancellationToken ct = default) =>
        db.ReadAsync(async c => (await c.QueryAsync<string>(db.Sql(Channels))).ToList(), ct);

    public Task DeferAsync(long id, string owner, DateTimeOffset due, string? error, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Defer), new { Id = id, Owner = owner, DueAtMs = due.ToUnixTimeMilliseconds(), Error = error }, tx), ct);

    // The heartbeat: every row of the channel this owner holds stays its own for another lease.
    public Task ExtendAsync(string channel, string owner, TimeSpan lease, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Extend),
            new { Channel = channel, Owner = owner, Until = (clock.GetUtcNow() + lease).ToUnixTimeMilliseconds() }, tx), ct);

    public Task<int> ReleaseAsync(string owner, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Release), new { Owner = owner }, tx), ct);

    public Task<long> CountFailedAsync(CancellationToken ct = default) =>
        db.ReadAsync(c => c.ExecuteScalarAsync<long>(db.Sql(CountFailed)), ct);

    // Every failed row, or the one with this id whatever its state, gets a fresh set of attempts.
    public Task<int> RequeueAsync(long? id, CancellationToken ct = default) => id is { } one
        ? db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(RequeueOne), new { Id = one }, tx), ct)
        : RequeueFailedAsync(ct);

    public Task FinishAsync(long id, string owner, string state, string? error, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Finish), new
        {
            Id = id, Owner = owner, State = state, Error = error,
            SentAtMs = state == "sent" ? clock.GetUtcNow().ToUnixTimeMilliseconds() : (long?)null,
        }, tx), ct);

    public Task RescheduleAsync(long id, string owner, DateTimeOffset due, string? error, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Reschedule),
            new { Id = id, Owner = owner, DueAtMs = due.ToUnixTimeMilliseconds(), Error = error, MaxAttempts }, tx), ct);

    // Due "at once" is the time of creation: the command's clock need not be the service's.
    public Task<int> RequeueFailedAsync(CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Requeue), transaction: tx), ct);
}

// One outgoing call. Target is the coalescing key ("github:acme/api#42:comment"): a newer
// coalescing message for the same target supersedes an unsent older one, and messages to one
// target are sent one at a time, in order.
internal sealed record OutboxMessage(long Id, string Channel, string Kind, string Target, string Payload, long Attempts);

internal sealed record OutboxEnqueue(string Channel, string Kind, string Target, string Payload, DateTimeOffset DueAt, bool Coalesce);
