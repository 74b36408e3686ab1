using BudgetBot.Storage;
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
    public async Task<(List<OtlpUsage> Kept, int Dropped)> FilterAsync(string channel, IReadOnlyList<OtlpUsage> events, CancellationToken ct)
    {
        var sessions = events.Select(e => e.SessionId).OfType<string>().Where(s => s.Length <= 200).Distinct(StringComparer.Ordinal).ToList();
        if (sessions.Count == 0)
        {
            return (events.ToList(), 0);
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var owners = await db.WriteAsync(async (c, tx) =>
        {
            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var session in sessions)
            {
                var row = new { SessionId = session, Channel = channel, Now = now };
                found[session] = await TryClaimAsync(c, tx, row)
                    ? channel
                    : await c.QuerySingleAsync<string>(db.Sql(Owner), row, tx);
            }
            return found;
        }, ct);
        var kept = events.Where(e => e.SessionId is null || !owners.TryGetValue(e.SessionId, out var o) || o == channel).ToList();
        return (kept, events.Count - kept.Count);
    }

    private async Task<bool> TryClaimAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, object row)
    {
        try
        {
            return await c.ExecuteAsync(db.Sql(Claim), row, tx) == 1;
        }
        catch (Exception e) when (Constraints.IsDuplicateKey(e))
        {
            // Another request claimed it between NOT EXISTS and INSERT: its channel owns the session.
            return false;
        }
    }
}
