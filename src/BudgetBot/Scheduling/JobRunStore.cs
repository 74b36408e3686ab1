using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Scheduling;

// One row per (job, occurrence), inserted before the job runs: whoever inserts it runs the
// occurrence, everyone else (another instance, a restarted one) sees a duplicate key and skips it.
internal sealed class JobRunStore(Database db)
{
    internal static readonly SqlStatement Claim = new(
        "JobRuns.Claim",
        "INSERT INTO job_runs (job, occurrence_ms, owner, started_at_ms) VALUES (@Job, @OccurrenceMs, @Owner, @Now);");

    internal static readonly SqlStatement Finish = new(
        "JobRuns.Finish",
        "UPDATE job_runs SET finished_at_ms = @Now, error = @Error WHERE job = @Job AND occurrence_ms = @OccurrenceMs;");

    internal static readonly SqlStatement Last = new(
        "JobRuns.Last",
        "SELECT MAX(occurrence_ms) FROM job_runs WHERE job = @Job;");

    public async Task<bool> TryClaimAsync(string job, DateTimeOffset occurrence, string owner, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Claim), new
            {
                Job = job, OccurrenceMs = occurrence.ToUnixTimeMilliseconds(), Owner = owner, Now = now.ToUnixTimeMilliseconds(),
            }, tx), ct);
            return true;
        }
        catch (Exception e) when (Constraints.IsDuplicateKey(e))
        {
            return false;
        }
    }

    public Task FinishAsync(string job, DateTimeOffset occurrence, string? error, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(Finish), new
        {
            Job = job, OccurrenceMs = occurrence.ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds(),
            Error = error is null ? null : Clip(error),
        }, tx), ct);

    public Task<DateTimeOffset?> LastOccurrenceAsync(string job, CancellationToken ct) =>
        db.ReadAsync(async c => await c.ExecuteScalarAsync<long?>(db.Sql(Last), new { Job = job }) is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : (DateTimeOffset?)null, ct);

    // The error column is NVARCHAR(2000) on SQL Server.
    private static string Clip(string error) => error.Length <= 2000 ? error : error[..2000];
}
