using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.GitHub;

// The raw GitHub deliveries. Insert-first on the unique delivery id: a redelivery (same
// X-GitHub-Delivery) finds its row already there and changes nothing.
internal sealed class InboxStore(Database db, TimeProvider clock)
{
    public const int MaxAttempts = 5;

    internal static readonly SqlStatement Insert = new(
        "Inbox.Insert",
        "INSERT INTO github_inbox (delivery_id, event, hook_target_id, body, received_at_ms, state, attempts, due_at_ms) " +
        "VALUES (@DeliveryId, @Event, @HookTargetId, @Body, @Now, 'pending', 0, @Now) ON CONFLICT (delivery_id) DO NOTHING;",
        "INSERT INTO github_inbox (delivery_id, event, hook_target_id, body, received_at_ms, state, attempts, due_at_ms) " +
        "SELECT @DeliveryId, @Event, @HookTargetId, @Body, @Now, 'pending', 0, @Now WHERE NOT EXISTS " +
        "(SELECT 1 FROM github_inbox WITH (UPDLOCK, HOLDLOCK) WHERE delivery_id = @DeliveryId);");

    private const string Claimable = "i.state = 'pending' AND i.due_at_ms <= @Now AND (i.lease_until_ms IS NULL OR i.lease_until_ms < @Now)";

    internal static readonly SqlStatement Claim = new(
        "Inbox.Claim",
        "UPDATE github_inbox SET lease_owner = @Owner, lease_until_ms = @Until WHERE id IN " +
        $"(SELECT i.id FROM github_inbox i WHERE {Claimable} ORDER BY i.id LIMIT @Limit) " +
        "RETURNING id AS Id, delivery_id AS DeliveryId, event AS Event, hook_target_id AS HookTargetId, body AS Body, attempts AS Attempts, " +
        "last_error AS LastError;",
        "WITH next AS (SELECT TOP (@Limit) * FROM github_inbox i WITH (UPDLOCK, READPAST, ROWLOCK) " +
        $"WHERE {Claimable} ORDER BY i.id) UPDATE next SET lease_owner = @Owner, lease_until_ms = @Until " +
        "OUTPUT inserted.id AS Id, inserted.delivery_id AS DeliveryId, inserted.event AS Event, " +
        "inserted.hook_target_id AS HookTargetId, inserted.body AS Body, inserted.attempts AS Attempts, " +
        "inserted.last_error AS LastError;");

    internal static readonly SqlStatement Finish = new(
        "Inbox.Finish",
        "UPDATE github_inbox SET state = @State, action = @Action, last_error = @Error, processed_at_ms = @Now, " +
        "lease_owner = NULL, lease_until_ms = NULL WHERE id = @Id AND lease_owner = @Owner;");

    internal static readonly SqlStatement Reschedule = new(
        "Inbox.Reschedule",
        "UPDATE github_inbox SET attempts = attempts + 1, due_at_ms = @DueAtMs, last_error = @Error, action = @Action, " +
        "state = CASE WHEN attempts + 1 >= @MaxAttempts THEN 'poison' ELSE 'pending' END, lease_owner = NULL, " +
        "lease_until_ms = NULL WHERE id = @Id AND lease_owner = @Owner;");

    // Poison rows get a fresh set of attempts; unparsed ones (which include deliveries of events nobody
    // handles) only on request, after an upgrade that may read them. Due "at once" is the time of
    // receipt: the command's clock need not be the service's.
    internal static readonly SqlStatement RequeuePoison = new(
        "Inbox.RequeuePoison",
        "UPDATE github_inbox SET state = 'pending', attempts = 0, due_at_ms = received_at_ms, lease_owner = NULL, lease_until_ms = NULL " +
        "WHERE state = 'poison';");

    internal static readonly SqlStatement RequeuePoisonAndUnparsed = new(
        "Inbox.RequeuePoisonAndUnparsed",
        "UPDATE github_inbox SET state = 'pending', attempts = 0, due_at_ms = received_at_ms, lease_owner = NULL, lease_until_ms = NULL " +
        "WHERE state IN ('poison', 'unparsed');");

    internal static readonly SqlStatement RequeueOne = new(
        "Inbox.RequeueOne",
        "UPDATE github_inbox SET state = 'pending', attempts = 0, due_at_ms = received_at_ms, lease_owner = NULL, lease_until_ms = NULL " +
        "WHERE delivery_id = @DeliveryId AND state <> 'pending';");

    // The worker's heartbeat: the deliveries it holds stay its own while it works through them.
    internal static readonly SqlStatement Extend = new(
        "Inbox.Extend",
        "UPDATE github_inbox SET lease_until_ms = @Until WHERE lease_owner = @Owner AND state = 'pending';");

    internal static readonly SqlStatement Release = new(
        "Inbox.Release",
        "UPDATE github_inbox SET lease_owner = NULL, lease_until_ms = NULL WHERE lease_owner = @Owner AND state = 'pending';");

    public Task<int> ReleaseAsync(string owner, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Release), new { Owner = owner }, tx), ct);

    public Task ExtendAsync(string owner, TimeSpan lease, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Extend), new { Owner = owner, Until = (clock.GetUtcNow() + lease).ToUnixTimeMilliseconds() }, tx), ct);

    // True when the delivery is new; false when it was already stored (a redelivery).
    public async Task<bool> AddAsync(string deliveryId, string eventName, string? hookTargetId, string body, CancellationToken ct)
    {
        var row = new { DeliveryId = deliveryId, Event = eventName, HookTargetId = hookTargetId, Body = body, Now = NowMs() };
        try
        {
            return await db.WriteAsync(async (c, tx) => await c.ExecuteAsync(db.Sql(Insert), row, tx) == 1, ct);
        }
        catch (Exception e) when (Constraints.IsDuplicateKey(e))
        {
            // Two copies raced past NOT EXISTS: the key says this delivery is already stored.
            return false;
        }
    }

    public Task<List<InboxDelivery>> ClaimAsync(string owner, int limit, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var args = new { Owner = owner, Until = (now + lease).ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds(), Limit = limit };
        return db.WriteAsync(async (c, tx) => (await c.QueryAsync<InboxDelivery>(db.Sql(Claim), args, tx)).ToList(), ct);
    }

    public Task FinishAsync(long id, string owner, string state, string? action, string? error, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Finish),
            new { Id = id, Owner = owner, State = state, Action = action, Error = Truncate(error), Now = NowMs() }, tx), ct);

    public Task RescheduleAsync(long id, string owner, DateTimeOffset due, string? action, string error, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Reschedule), new
        {
            Id = id, Owner = owner, DueAtMs = due.ToUnixTimeMilliseconds(), Action = action, Error = Truncate(error), MaxAttempts,
        }, tx), ct);

    public Task<int> RequeueAsync(string? deliveryId, CancellationToken ct, bool includeUnparsed = false) =>
        db.WriteAsync((c, tx) => deliveryId is null
            ? c.ExecuteAsync(db.Sql(includeUnparsed ? RequeuePoisonAndUnparsed : RequeuePoison), transaction: tx)
            : c.ExecuteAsync(db.Sql(RequeueOne), new { DeliveryId = deliveryId }, tx), ct);

    private long NowMs() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static string? Truncate(string? error) => error is { Length: > 2000 } ? error[..2000] : error;
}

// One stored webhook delivery as the worker claims it. LastError survives a replay, which resets
// Attempts: a delivery that failed before may have committed its state without announcing it.
internal sealed record InboxDelivery(long Id, string DeliveryId, string Event, string? HookTargetId, string Body, long Attempts, string? LastError);
