namespace BudgetBot.GitHub;

// Run and job state only moves forward: a later attempt wins, and within one attempt
// queued < in_progress < completed, ties going to the newer payload.
internal static class WorkflowProgress
{
    public static int Rank(string status) => status switch
    {
        "completed" => 2,
        "in_progress" => 1,
        _ => 0,
    };

    public static bool IsForward(long existingAttempt, string existingStatus, long existingUpdatedMs, long attempt, string status, long updatedMs) =>
        attempt != existingAttempt
            ? attempt > existingAttempt
            : Rank(status) != Rank(existingStatus) ? Rank(status) > Rank(existingStatus) : updatedMs >= existingUpdatedMs;

    public static WorkflowRunRow Apply(WorkflowRunRow? existing, WorkflowRunRow incoming) =>
        existing is null || IsForward(existing.RunAttempt, existing.Status, existing.UpdatedAtMs, incoming.RunAttempt, incoming.Status, incoming.UpdatedAtMs)
            ? incoming
            : existing;
}
