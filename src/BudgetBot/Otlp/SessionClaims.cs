using System.Data;
using System.Data.Common;
using BudgetBot.Storage;
using BudgetBot.Usage;
using Dapper;

namespace BudgetBot.Otlp;

// The rule that counts one session's spend once when it arrives by several channels (OTLP metrics,
// OTLP log events, OTLP spans, a transcript import): the first channel to report spend for a
// session.id owns that session, and what the other channels send for it is dropped. Each channel
// covers the whole session on its own (the exporters are configured per process), so whichever
// arrives first, the total is the same. Insert-first, so two racing channels cannot both win.
internal sealed class SessionClaims(Database db, TimeProvider clock)
{
    internal static readonly SqlStatement Claim = new(
        "SessionClaims.Claim",
        "INSERT INTO usage_session_claims (session_id, channel, claimed_at_ms) VALUES (@SessionId, @Channel, @Now) " +
        "ON CONFLICT (session_id) DO NOTHING;",
        "INSERT INTO usage_session_claims (session_id, channel, claimed_at_ms) SELECT @SessionId, @Channel, @Now WHERE NOT EXISTS " +
        "(SELECT 1 FROM usage_session_claims WITH (UPDLOCK, HOLDLOCK) WHERE session_id = @SessionId);");

    internal static readonly SqlStatement Owner = new(
        "SessionClaims.Owner",
        "SELECT channel FROM usage_session_claims WHERE session_id = @SessionId;");

    // Keeps the events of sessions this channel owns (claiming unclaimed ones) and events without a
    // session; returns them and how many were dropped as another channel's.
    public async Task<(List<OtlpUsage> Kept, int Dropped)> FilterAsync(string channel, IReadOnlyList<OtlpUsage> events, CancellationToken ct) =>
        events.Any(e => e.SessionId is not null)
            ? await db.WriteAsync((c, tx) => FilterAsync(c, tx, channel, events, ct), ct)
            : (events.ToList(), 0);

    // The same inside the caller's write transaction (the OTLP receiver's ingest), so claiming the
    // sessions and storing their events commit together.
    public async Task<(List<OtlpUsage> Kept, int Dropped)> FilterAsync(
        DbConnection c, DbTransaction tx, string channel, IReadOnlyList<OtlpUsage> events, CancellationToken ct)
    {
        var sessions = events.Select(e => e.SessionId).OfType<string>().Where(s => s.Length <= 200).Distinct(StringComparer.Ordinal).ToList();
        if (sessions.Count == 0)
        {
            return (events.ToList(), 0);
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        // One claim command prepared and rebound for the export's sessions.
        await using (var claim = c.CreateCommand())
        {
            claim.Transaction = tx;
            claim.CommandText = db.Sql(Claim);
            var sessionId = Parameter(claim, "@SessionId", DbType.String, null);
            Parameter(claim, "@Channel", DbType.String, channel);
            Parameter(claim, "@Now", DbType.Int64, now);
            if (db.Dialect == SqlDialect.Sqlite)
            {
                await claim.PrepareAsync(ct);
            }
            foreach (var session in sessions)
            {
                sessionId.Value = session;
                owners[session] = await TryClaimAsync(claim, ct)
                    ? channel
                    : await c.QuerySingleAsync<string>(db.Sql(Owner), new { SessionId = session }, tx);
            }
        }
        var kept = events.Where(e => e.SessionId is null || !owners.TryGetValue(e.SessionId, out var o) || o == channel).ToList();
        return (kept, events.Count - kept.Count);
    }

    private static async Task<bool> TryClaimAsync(DbCommand claim, CancellationToken ct)
    {
        try
        {
            return await claim.ExecuteNonQueryAsync(ct) == 1;
        }
        catch (Exception e) when (Constraints.IsDuplicateKey(e))
        {
            // Another request claimed it between NOT EXISTS and INSERT: its channel owns the session.
            return false;
        }
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.DbType = type;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
        return p;
    }
}

// A usage event with the agent session it belongs to (if the sender said), for SessionClaims.
internal sealed record OtlpUsage(UsageEvent Event, string? SessionId);
