using BudgetBot.Usage;

namespace BudgetBot.Benchmarks;

// A usage_events row exactly as UsageStore.InsertAsync binds it, for plain batched Dapper inserts.
internal sealed record UsageRow(
    string Source, string EventId, long OccurredAtMs, long ReceivedAtMs, string Model, string ModelRaw, string? Provider,
    long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWrite5mTokens, long CacheWrite1hTokens,
    long CostMicros, long? ReportedCostMicros, long? ListCostMicros, int Unpriced, string? Repo, int? Pr,
    string? Branch, string? Sha, string? RunId, int? RunAttempt, string? JobId, string? Workflow, string? Actor,
    string Team, string? Experiment)
{
    public static UsageRow From(PricedUsage p, long receivedAtMs)
    {
        var e = p.Event;
        return new UsageRow(e.Source, e.Id, e.OccurredAt.ToUnixTimeMilliseconds(), receivedAtMs, p.CanonicalModel, e.Model, e.Provider ?? p.InferredProvider,
            e.InputTokens, e.OutputTokens, e.CacheReadTokens, e.CacheWrite5mTokens, e.CacheWrite1hTokens,
            p.CostMicros, p.ReportedCostMicros, p.ListCostMicros, p.Unpriced ? 1 : 0, e.Repo, e.Pr,
            e.Branch, e.Sha, e.RunId, e.RunAttempt, e.JobId, e.Workflow, e.Actor, p.Team, e.Experiment);
    }
}
