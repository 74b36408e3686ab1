using System.Data.Common;
using BudgetBot.Storage;
using BudgetBot.Usage;
using Dapper;

namespace BudgetBot.GitHub;

// DESIGN §8 for usage that arrives after its PR is known: an event without `pr` is bound by
// (repo, runId), then (repo, sha), then (repo, branch) → the open PR with that head ref. The
// reverse order of arrival is handled by the PR and run handlers (late binding). Both only write
// where pr IS NULL, so whichever comes first wins and an explicit `pr` is never overwritten. Binding
// and the refresh rows join the ingest transaction: a crash cannot leave usage without its refresh.
internal sealed class UsageAttribution(Database db, PullRequestRefresh refresh, UsageRollups rollups, TimeProvider clock) : IUsageEffect
{
    internal static readonly SqlStatement ByRun = new(
        "Attribution.ByRun",
        "SELECT MIN(number) FROM workflow_run_prs WHERE repo = @Repo AND run_id = @RunId;");

    internal static readonly SqlStatement BySha = new(
        "Attribution.BySha",
        "SELECT MIN(number) FROM pr_head_shas WHERE repo = @Repo AND sha = @Sha;");

    // Same-repository heads first: a fork's branch name is only a guess for usage that names no run.
    internal static readonly SqlStatement ByBranch = new(
        "Attribution.ByBranch",
        "SELECT number FROM pull_requests WHERE repo = @Repo AND head_ref = @Branch AND state = 'open' AND head_ref <> base_ref " +
        "ORDER BY CASE WHEN head_repo = repo THEN 0 ELSE 1 END, number DESC LIMIT 1;",
        "SELECT TOP (1) number FROM pull_requests WHERE repo = @Repo AND head_ref = @Branch AND state = 'open' AND head_ref <> base_ref " +
        "ORDER BY CASE WHEN head_repo = repo THEN 0 ELSE 1 END, number DESC;");

    internal static readonly SqlStatement Bind = new(
        "Attribution.Bind",
        "UPDATE usage_events SET pr = @Pr WHERE source = @Source AND event_id = @EventId AND pr IS NULL;");

    public async Task<Func<CancellationToken, Task>> ScheduleAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> stored, CancellationToken ct)
    {
        var changes = stored
            .Where(p => p.Event is { Pr: not null, Repo: not null })
            .Select(p => new PullRequestChange(p.Event.Repo!, p.Event.Pr!.Value, "usage", true))
            .ToList();
        var bound = new List<(PricedUsage Usage, int Pr)>();
        foreach (var p in stored.Where(p => p.Event is { Pr: null, Repo: not null } && (p.Event.RunId ?? p.Event.Sha ?? p.Event.Branch) is not null))
        {
            var e = p.Event;
            var args = new { e.Repo, e.RunId, e.Sha, e.Branch };
            var pr = (e.RunId is null ? null : await c.ExecuteScalarAsync<long?>(db.Sql(ByRun), args, tx))
                ?? (e.Sha is null ? null : await c.ExecuteScalarAsync<long?>(db.Sql(BySha), args, tx))
                ?? (e.Branch is null ? null : await c.ExecuteScalarAsync<long?>(db.Sql(ByBranch), args, tx));
            if (pr is { } number && await c.ExecuteAsync(db.Sql(Bind), new { Pr = number, e.Source, EventId = e.Id }, tx) == 1)
            {
                changes.Add(new PullRequestChange(e.Repo!, (int)number, "usage", true));
                bound.Add((p, (int)number));
            }
        }
        // The hooks rolled these events up without a PR a moment ago: out without it, in with it.
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var g in bound.GroupBy(b => b.Pr))
        {
            await rollups.BoundAsync(c, tx, g.Select(b => b.Usage).ToList(), g.Key, nowMs, ct);
        }
        await refresh.EnqueueAsync(c, tx, changes, ct);
        return _ =>
        {
            refresh.Wake();
            return Task.CompletedTask;
        };
    }
}
