using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
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
    // Sessions per claiming INSERT on SQLite: three parameters' worth under any SQLite's limit.
    private const int ChunkSize = 500;

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
        var owners = db.Dialect == SqlDialect.Sqlite
            ? await ClaimTogetherAsync(c, tx, channel, sessions, now)
            : await ClaimEachAsync(c, tx, channel, sessions, now, ct);
        var kept = events.Where(e => e.SessionId is null || !owners.TryGetValue(e.SessionId, out var o) || o == channel).ToList();
        return (kept, events.Count - kept.Count);
    }

    // SQLite: an export's sessions are claimed by one INSERT per chunk, which returns the ones it
    // inserted, and the others' owners are read by one SELECT; a statement per session was most of
    // claiming. SQLite has one writer, so nothing can claim between the two.
    private static async Task<Dictionary<string, string>> ClaimTogetherAsync(DbConnection c, DbTransaction tx, string channel, List<string> sessions, long now)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in sessions.Chunk(ChunkSize))
        {
            var parameters = new DynamicParameters(new { Channel = channel, Now = now });
            var rows = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add("S" + i.ToString(CultureInfo.InvariantCulture), chunk[i]);
                rows.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@S{i}, @Channel, @Now)");
            }
            foreach (var session in await c.QueryAsync<string>(
                "INSERT INTO usage_session_claims (session_id, channel, claimed_at_ms) VALUES " + rows +
                " ON CONFLICT (session_id) DO NOTHING RETURNING session_id;", parameters, tx))
            {
                owners[session] = channel;
            }
            var taken = chunk.Where(s => !owners.ContainsKey(s)).ToList();
            if (taken.Count > 0)
            {
                foreach (var (session, owner) in await c.QueryAsync<(string, string)>(
                    "SELECT session_id, channel FROM usage_session_claims WHERE session_id IN @Taken;", new { Taken = taken }, tx))
                {
                    owners[session] = owner;
                }
            }
        }
        return owners;
    }

    // Elsewhere one claim command, prepared and rebound for the export's sessions.
    private async Task<Dictionary<string, string>> ClaimEachAsync(DbConnection c, DbTransaction tx, string channel, List<string> sessions, long now, CancellationToken ct)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var claim = c.CreateCommand();
        claim.Transaction = tx;
        claim.CommandText = db.Sql(Claim);
        var sessionId = Parameter(claim, "@SessionId", DbType.String, null);
        Parameter(claim, "@Channel", DbType.String, channel);
        Parameter(claim, "@Now", DbType.Int64, now);
        foreach (var session in sessions)
        {
            sessionId.Value = session;
            owners[session] = await TryClaimAsync(claim, ct)
                ? channel
                : await c.QuerySingleAsync<string>(db.Sql(Owner), new { SessionId = session }, tx);
        }
        return owners;
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
