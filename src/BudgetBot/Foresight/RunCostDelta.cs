using BudgetBot.Usage;

namespace BudgetBot.Foresight;

// What one batch adds to one run's cost on one model. Events without a run id belong to no run and
// are left to the rollups.
internal readonly record struct RunCostDelta(string RunKey, string Model, string RunId, string? Repo, string? Workflow, int? Pr, long CostMicros, long Events, long FirstMs, long LastMs)
{
    public static string KeyOf(string? repo, string? workflow, string runId) => $"{repo}|{workflow}|{runId}";

    public static IReadOnlyList<RunCostDelta> Of(IEnumerable<PricedUsage> inserted) =>
        inserted.Where(p => p.Event.RunId is not null)
            .GroupBy(p => (Key: KeyOf(p.Event.Repo, p.Event.Workflow, p.Event.RunId!), Model: p.CanonicalModel))
            .Select(g =>
            {
                var first = g.First().Event;
                var times = g.Select(p => p.Event.OccurredAt.ToUnixTimeMilliseconds()).ToList();
                return new RunCostDelta(g.Key.Key, g.Key.Model, first.RunId!, first.Repo, first.Workflow, g.Select(p => p.Event.Pr).FirstOrDefault(pr => pr is not null),
                    g.Sum(p => p.CostMicros), g.LongCount(), times.Min(), times.Max());
            })
            // A fixed order keeps concurrent batches from deadlocking on SQL Server.
            .OrderBy(d => d.RunKey, StringComparer.Ordinal).ThenBy(d => d.Model, StringComparer.Ordinal)
            .ToList();

    // What revised events change: After's deltas minus Before's, netted per run and model (a delta that
    // nets to nothing is dropped). Times come from After's side where it has one; a revision keeps them.
    public static IReadOnlyList<RunCostDelta> Net(IReadOnlyList<UsageRevision> revised) =>
        Of(revised.Select(r => r.After))
            .Concat(Of(revised.Select(r => r.Before)).Select(d => d with { CostMicros = -d.CostMicros, Events = -d.Events }))
            .GroupBy(d => (d.RunKey, d.Model))
            .Select(g => g.First() with { CostMicros = g.Sum(d => d.CostMicros), Events = g.Sum(d => d.Events) })
            .Where(d => d.CostMicros != 0 || d.Events != 0)
            .OrderBy(d => d.RunKey, StringComparer.Ordinal).ThenBy(d => d.Model, StringComparer.Ordinal)
            .ToList();
}
