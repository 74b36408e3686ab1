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
}
