using BudgetBot.Budgets;

namespace BudgetBot.GitHub;

// Folds a PR's grouped usage rows into the views the comment shows. Pure; ordering is by cost,
// then name, so the same data always renders the same body.
internal static class PrSpendAggregator
{
    public const string NoWorkflow = "(no workflow)";

    public static PrSpend Aggregate(
        string repo, int number, IReadOnlyList<PrUsageRow> rows, IReadOnlyList<BudgetStatus> budgets, MergedPrStats? merged)
    {
        // One pass into a dictionary per view (a PR has hundreds of rows), then each view sorted.
        var workflows = new Dictionary<string, Sums>(StringComparer.Ordinal);
        var models = new Dictionary<string, Sums>(StringComparer.Ordinal);
        var runs = new Dictionary<(string? RunId, string Workflow), Sums>();
        foreach (var r in rows)
        {
            var workflow = r.Workflow ?? NoWorkflow;
            Sums.For(workflows, workflow).Add(r, r.RunId);
            Sums.For(models, r.Model).Add(r, null);
            Sums.For(runs, (r.RunId, workflow)).Add(r, null);
        }
        var byWorkflow = workflows.Select(w => new WorkflowSpend(w.Key, w.Value.Runs, w.Value.SortedModels(), w.Value.Tokens, w.Value.CostMicros))
            .OrderByDescending(w => w.CostMicros).ThenBy(w => w.Workflow, StringComparer.Ordinal).ToList();
        var byModel = models.Select(m => new ModelSpend(m.Key, m.Value.Events, m.Value.Tokens, m.Value.CostMicros))
            .OrderByDescending(m => m.CostMicros).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
        // Ties keep the order the runs first appear in (a dictionary enumerates in insertion order
        // while nothing is removed; OrderBy is stable).
        var byRun = runs.Select(x => new RunSpend(x.Key.RunId, x.Key.Workflow, x.Value.SortedModels(), x.Value.Events, x.Value.Tokens,
                x.Value.CostMicros, DateTimeOffset.FromUnixTimeMilliseconds(x.Value.FirstMs)))
            .OrderByDescending(r => r.CostMicros).ThenBy(r => r.FirstAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        long input = 0, output = 0, cacheRead = 0, cacheWrite5m = 0, cacheWrite1h = 0, cost = 0, events = 0, unpriced = 0;
        foreach (var r in rows)
        {
            // Checked, as Enumerable.Sum is.
            checked
            {
                input += r.Input;
                output += r.Output;
                cacheRead += r.CacheRead;
                cacheWrite5m += r.CacheWrite5m;
                cacheWrite1h += r.CacheWrite1h;
                cost += r.CostMicros;
                events += r.Events;
                unpriced += r.Unpriced;
            }
        }
        return new PrSpend(repo, number, cost, events, unpriced, byWorkflow, byModel,
            new TokenTotals(input, output, cacheRead, cacheWrite5m, cacheWrite1h), byRun, budgets, merged);
    }

    // The budget scopes a PR draws on: those of its events, or, before any usage, the org and the
    // repo with its policy team.
    public static HashSet<BudgetScope> Scopes(string repo, IReadOnlyList<PrUsageRow> rows, string teamOfRepo)
    {
        var scopes = new HashSet<BudgetScope> { BudgetScope.Org, BudgetScope.Repo(repo) };
        if (rows.Count == 0)
        {
            scopes.Add(BudgetScope.Team(teamOfRepo));
        }
        // Hundreds of rows share a few (team, workflow, experiment) keys.
        var seen = new HashSet<(string Team, string? Workflow, string? Experiment)>();
        foreach (var r in rows)
        {
            if (seen.Add((r.Team, r.Workflow, r.Experiment)))
            {
                scopes.UnionWith(BudgetScope.Of(r.Team, repo, r.Workflow, r.Experiment));
            }
        }
        return scopes;
    }

    // One view's running totals; Models and runs are collected distinct (ordinal), as the comment lists them.
    private sealed class Sums
    {
        private readonly List<string> models = new(1);
        private HashSet<string>? runIds;

        public long Events { get; private set; }

        public long Tokens { get; private set; }

        public long CostMicros { get; private set; }

        public long FirstMs { get; private set; } = long.MaxValue;

        public int Runs => runIds?.Count ?? 0;

        public static Sums For<TKey>(Dictionary<TKey, Sums> view, TKey key) where TKey : notnull
        {
            if (!view.TryGetValue(key, out var sums))
            {
                view[key] = sums = new Sums();
            }
            return sums;
        }

        public void Add(PrUsageRow r, string? runId)
        {
            Events = checked(Events + r.Events);
            Tokens = checked(Tokens + r.Tokens);
            CostMicros = checked(CostMicros + r.CostMicros);
            FirstMs = Math.Min(FirstMs, r.FirstMs);
            if (!models.Contains(r.Model, StringComparer.Ordinal))
            {
                models.Add(r.Model);
            }
            if (runId is not null)
            {
                (runIds ??= new HashSet<string>(StringComparer.Ordinal)).Add(runId);
            }
        }

        public List<string> SortedModels()
        {
            models.Sort(StringComparer.Ordinal);
            return models;
        }
    }
}
