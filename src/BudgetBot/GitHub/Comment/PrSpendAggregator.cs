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
        var byWorkflow = rows.GroupBy(r => r.Workflow ?? NoWorkflow, StringComparer.Ordinal)
            .Select(g => new WorkflowSpend(
                g.Key,
                g.Where(r => r.RunId is not null).Select(r => r.RunId).Distinct(StringComparer.Ordinal).Count(),
                Models(g),
                g.Sum(r => r.Tokens),
                g.Sum(r => r.CostMicros)))
            .OrderByDescending(w => w.CostMicros).ThenBy(w => w.Workflow, StringComparer.Ordinal).ToList();
        var byModel = rows.GroupBy(r => r.Model, StringComparer.Ordinal)
            .Select(g => new ModelSpend(g.Key, g.Sum(r => r.Events), g.Sum(r => r.Tokens), g.Sum(r => r.CostMicros)))
            .OrderByDescending(m => m.CostMicros).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
        var runs = rows.GroupBy(r => (r.RunId, Workflow: r.Workflow ?? NoWorkflow))
            .Select(g => new RunSpend(
                g.Key.RunId,
                g.Key.Workflow,
                Models(g),
                g.Sum(r => r.Events),
                g.Sum(r => r.Tokens),
                g.Sum(r => r.CostMicros),
                DateTimeOffset.FromUnixTimeMilliseconds(g.Min(r => r.FirstMs))))
            .OrderByDescending(r => r.CostMicros).ThenBy(r => r.FirstAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        var tokens = new TokenTotals(
            rows.Sum(r => r.Input), rows.Sum(r => r.Output), rows.Sum(r => r.CacheRead),
            rows.Sum(r => r.CacheWrite5m), rows.Sum(r => r.CacheWrite1h));
        return new PrSpend(repo, number, rows.Sum(r => r.CostMicros), rows.Sum(r => r.Events), rows.Sum(r => r.Unpriced),
            byWorkflow, byModel, tokens, runs, budgets, merged);
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
        foreach (var r in rows)
        {
            scopes.UnionWith(BudgetScope.Of(r.Team, repo, r.Workflow, r.Experiment));
        }
        return scopes;
    }

    private static List<string> Models(IEnumerable<PrUsageRow> rows) =>
        rows.Select(r => r.Model).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
