using System.Data.Common;
using System.Text.Json;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Preflight;

// Same runId, same reservation: a client that resends a pre-flight it got no answer to must not hold
// the money twice. Insert-first inside the deciding transaction: the row's key is the claim, a
// duplicate key means the run already holds a reservation, and its first answer is given again.
// Only answers that hold money are remembered; a denial or a free pass is decided afresh each time.
internal static class PreflightRuns
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static readonly SqlStatement ForgetExpired = new(
        "Preflight.ForgetExpiredRun", "DELETE FROM preflight_runs WHERE run_id = @RunId AND expires_at_ms <= @NowMs;");

    internal static readonly SqlStatement Claim = new(
        "Preflight.ClaimRun",
        "INSERT INTO preflight_runs (run_id, reservation_id, answer, created_at_ms, expires_at_ms) VALUES (@RunId, NULL, NULL, @NowMs, @NowMs);");

    internal static readonly SqlStatement Answer = new("Preflight.RunAnswer", "SELECT answer FROM preflight_runs WHERE run_id = @RunId;");

    internal static readonly SqlStatement Remember = new(
        "Preflight.RememberRun",
        "UPDATE preflight_runs SET reservation_id = @ReservationId, answer = @Answer, expires_at_ms = @ExpiresAtMs WHERE run_id = @RunId;");

    internal static readonly SqlStatement Forget = new("Preflight.ForgetRun", "DELETE FROM preflight_runs WHERE run_id = @RunId;");

    // Null: this call claimed the run and decides. Otherwise the answer the run was given first.
    public static async Task<PreflightDecision?> ClaimAsync(Database db, DbConnection c, DbTransaction tx, string runId, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        await c.ExecuteAsync(db.Sql(ForgetExpired), new { RunId = runId, NowMs = nowMs }, tx);
        try
        {
            await c.ExecuteAsync(db.Sql(Claim), new { RunId = runId, NowMs = nowMs }, tx);
            return null;
        }
        catch (Exception e) when (Constraints.IsDuplicateKey(e))
        {
            var answer = await c.ExecuteScalarAsync<string?>(db.Sql(Answer), new { RunId = runId }, tx);
            return answer is null ? null : JsonSerializer.Deserialize<PreflightDecision>(answer, Json);
        }
    }

    public static async Task SettleAsync(Database db, DbConnection c, DbTransaction tx, string runId, PreflightDecision decision, long expiresAtMs)
    {
        if (decision.ReservationId is null)
        {
            await c.ExecuteAsync(db.Sql(Forget), new { RunId = runId }, tx);
            return;
        }
        await c.ExecuteAsync(db.Sql(Remember), new
        {
            RunId = runId, decision.ReservationId, Answer = JsonSerializer.Serialize(decision, Json), ExpiresAtMs = expiresAtMs,
        }, tx);
    }
}
