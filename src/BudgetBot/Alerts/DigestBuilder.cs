using BudgetBot.Budgets;
using BudgetBot.Dashboard;
using BudgetBot.GitHub;
using BudgetBot.Routing;
using BudgetBot.Slack;
using Microsoft.Extensions.Options;

namespace BudgetBot.Alerts;

// Gathers each team channel's digest. Budgets route to teams as alerts do (team scope, or the team
// owning a repo scope). Workflow figures cover the trailing week; cost per merged PR counts a
// workflow's whole spend on PRs merged in that week. A team with nothing to show gets no message.
internal sealed class DigestBuilder(
    BudgetStatusService budgets,
    AlertQueries queries,
    IPendingRequests requests,
    IMergedPullRequests merged,
    IPolicyProvider policy,
    RoutingService routing,
    IOptions<DashboardOptions> dashboard)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);
    private const int TopWorkflows = 5;
    private const int TopSavings = 3;

    public async Task<IReadOnlyList<TeamDigest>> BuildAsync(DateTimeOffset now, CancellationToken ct)
    {
        var current = policy.Current;
        var from = now - Window;
        var statuses = new List<(string Team, BudgetStatus Status)>();
        foreach (var b in await budgets.ActiveAsync(now, ct))
        {
            if (b.Scope.OwningTeam(current) is { } team)
            {
                statuses.Add((team, await budgets.StatusAsync(b, now, ct)));
            }
        }
        var pending = await requests.PendingAsync(ct);
        var mergedPrs = await merged.MergedBetweenAsync(from, now, ct);
        var onMerged = mergedPrs is null ? null : await MergedSpendAsync(mergedPrs, ct);

        var digests = new List<TeamDigest>();
        foreach (var team in current.Teams.Keys.Order(StringComparer.Ordinal))
        {
            if (AlertChannels.TeamChannel(team, current) is not { } channel)
            {
                continue;
            }
            var workflows = WithMerged(await queries.TeamWorkflowsAsync(team, from, now, ct), team, onMerged);
            var digest = new TeamDigest(team, channel, from, now,
                statuses.Where(s => s.Team == team).Select(s => s.Status).ToList(),
                WorkflowRanking.Top(workflows, TopWorkflows),
                onMerged is not null,
                pending.Where(r => r.Team == team).OrderBy(r => r.CreatedAt).ToList(),
                await queries.UnpricedModelsAsync(BudgetScope.Team(team), DateTimeOffset.UnixEpoch, now, ct),
                dashboard.Value.Links)
            {
                Routing = (await routing.AdviseAsync(from, now, null, team, ct)).Where(w => w.Best is not null).Take(TopSavings).ToList(),
            };
            if (digest.Budgets.Count + digest.Workflows.Count + digest.Pending.Count + digest.Unpriced.Count + digest.Routing.Count > 0)
            {
                digests.Add(digest);
            }
        }
        return digests;
    }

    // (team, workflow) → (merged PRs it spent on, its spend on them).
    private async Task<Dictionary<(string Team, string Workflow), (long Prs, long Cost)>> MergedSpendAsync(
        IReadOnlyList<PullRequest> prs, CancellationToken ct)
    {
        var totals = new Dictionary<(string, string), (long Prs, long Cost)>();
        foreach (var pr in prs.Where(p => p.Merged))
        {
            foreach (var (team, workflow, cost) in await queries.PrWorkflowsAsync(pr.Repo, pr.Number, ct))
            {
                var (n, sum) = totals.GetValueOrDefault((team, workflow));
                totals[(team, workflow)] = (n + 1, sum + cost);
            }
        }
        return totals;
    }

    private static List<DigestWorkflowSpend> WithMerged(
        List<DigestWorkflowSpend> window, string team, Dictionary<(string Team, string Workflow), (long Prs, long Cost)>? onMerged)
    {
        if (onMerged is null)
        {
            return window;
        }
        var result = window.Select(w => onMerged.TryGetValue((team, w.Workflow), out var m)
            ? w with { MergedPrs = m.Prs, MergedCostMicros = m.Cost }
            : w).ToList();
        // A workflow whose spend on this week's merges all happened earlier still has a cost per merged PR.
        result.AddRange(onMerged
            .Where(kv => kv.Key.Team == team && result.All(w => w.Workflow != kv.Key.Workflow))
            .Select(kv => new DigestWorkflowSpend(kv.Key.Workflow, 0, 0, kv.Value.Prs, kv.Value.Cost)));
        return result;
    }
}
