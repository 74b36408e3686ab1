using System.Globalization;
using BudgetBot.Storage;
using Dapper;
using Octokit.Webhooks.Events;

namespace BudgetBot.GitHub;

// workflow_job → workflow_jobs, joined to its run through run_id (jobs carry no PR list).
internal sealed class WorkflowJobHandler(Database db)
{
    internal static readonly SqlStatement Find = new(
        "WorkflowJobs.Find",
        "SELECT repo AS Repo, job_id AS JobId, run_id AS RunId, run_attempt AS RunAttempt, name AS Name, status AS Status, " +
        "conclusion AS Conclusion, started_at_ms AS StartedAtMs, completed_at_ms AS CompletedAtMs FROM workflow_jobs " +
        "WHERE repo = @Repo AND job_id = @JobId;",
        "SELECT repo AS Repo, job_id AS JobId, run_id AS RunId, run_attempt AS RunAttempt, name AS Name, status AS Status, " +
        "conclusion AS Conclusion, started_at_ms AS StartedAtMs, completed_at_ms AS CompletedAtMs FROM workflow_jobs " +
        "WITH (UPDLOCK, HOLDLOCK) WHERE repo = @Repo AND job_id = @JobId;");

    internal static readonly SqlStatement Insert = new(
        "WorkflowJobs.Insert",
        "INSERT INTO workflow_jobs (repo, job_id, run_id, run_attempt, name, status, conclusion, started_at_ms, completed_at_ms) " +
        "VALUES (@Repo, @JobId, @RunId, @RunAttempt, @Name, @Status, @Conclusion, @StartedAtMs, @CompletedAtMs);");

    internal static readonly SqlStatement Update = new(
        "WorkflowJobs.Update",
        "UPDATE workflow_jobs SET run_id = @RunId, run_attempt = @RunAttempt, name = @Name, status = @Status, conclusion = @Conclusion, " +
        "started_at_ms = @StartedAtMs, completed_at_ms = @CompletedAtMs WHERE repo = @Repo AND job_id = @JobId;");

    public Task HandleAsync(WorkflowJobEvent e, CancellationToken ct)
    {
        var repo = (e.Repository ?? throw new InvalidOperationException("workflow_job without repository")).FullName.ToLowerInvariant();
        var job = e.WorkflowJob;
        var incoming = new WorkflowJobRow(
            repo, job.Id.ToString(CultureInfo.InvariantCulture), job.RunId.ToString(CultureInfo.InvariantCulture), job.RunAttempt,
            job.Name, job.Status.StringValue, job.Conclusion?.StringValue, job.StartedAt?.ToUnixTimeMilliseconds(),
            job.CompletedAt?.ToUnixTimeMilliseconds());
        return db.WriteAsync(async (c, tx) =>
        {
            var existing = await c.QuerySingleOrDefaultAsync<WorkflowJobRow>(db.Sql(Find), new { Repo = repo, incoming.JobId }, tx);
            if (existing is null)
            {
                await c.ExecuteAsync(db.Sql(Insert), incoming, tx);
            }
            else if (WorkflowProgress.IsForward(existing.RunAttempt, existing.Status, existing.CompletedAtMs ?? existing.StartedAtMs ?? 0,
                incoming.RunAttempt, incoming.Status, incoming.CompletedAtMs ?? incoming.StartedAtMs ?? 0) && incoming != existing)
            {
                await c.ExecuteAsync(db.Sql(Update), incoming, tx);
            }
        }, ct);
    }
}

internal sealed record WorkflowJobRow(
    string Repo,
    string JobId,
    string RunId,
    long RunAttempt,
    string? Name,
    string Status,
    string? Conclusion,
    long? StartedAtMs,
    long? CompletedAtMs);
