using System.Globalization;
using BudgetBot.Budgets;
using BudgetBot.Preflight;

namespace BudgetBot.Foresight;

// Learned estimates over the policy's window, read from run_costs (O(runs in the window)).
internal sealed class EstimateService(RunCostStore store, IPolicyProvider policy, TimeProvider clock) : IRunEstimator
{
    public async Task<RunEstimates> EstimatesAsync(string? repo, string? workflow, CancellationToken ct)
    {
        var days = policy.Current.Estimates.WindowDays;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = await store.WindowAsync(now - (days * 86_400_000L), repo, workflow, ct);
        return RunEstimates.Of(workflow, repo, days, rows, now);
    }

    // The workflow's runs in the repository, then the repository's runs, then 0: the first with at
    // least minRuns finished runs answers.
    public async Task<PreflightEstimate> EstimateAsync(string? repo, string? workflow, CancellationToken ct)
    {
        var settings = policy.Current.Estimates;
        var tried = new List<string>();
        if (workflow is not null)
        {
            var own = await EstimatesAsync(repo, workflow, ct);
            var what = repo is null ? $"runs of {workflow}" : $"runs of {workflow} in {repo}";
            if (own.Runs.Count >= settings.MinRuns)
            {
                return Basis(own.Runs, what, settings);
            }
            tried.Add($"{own.Runs.Count} {what}");
        }
        if (repo is not null)
        {
            var all = await EstimatesAsync(repo, null, ct);
            var what = $"runs in {repo}";
            if (all.Runs.Count >= settings.MinRuns)
            {
                var basis = Basis(all.Runs, what, settings);
                return tried.Count == 0 ? basis : basis with { Basis = $"{basis.Basis} (only {tried[0]})" };
            }
            tried.Add($"{all.Runs.Count} {what}");
        }
        var history = tried.Count == 0 ? "no repository or workflow to learn from" : $"{string.Join(", ", tried)}; {settings.MinRuns} needed";
        return new PreflightEstimate(0m, string.Create(CultureInfo.InvariantCulture, $"0: no estimate given and too little history over {settings.WindowDays} days ({history})"));
    }

    private static PreflightEstimate Basis(Distribution d, string what, EstimateSettings settings) =>
        new(d.At(settings.Percentile), string.Create(CultureInfo.InvariantCulture, $"p{settings.Percentile} of {d.Count} {what} over {settings.WindowDays} days"));
}
