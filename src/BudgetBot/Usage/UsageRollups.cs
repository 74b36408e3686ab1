using System.Data.Common;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Usage;

// Rolls up usage written outside the ingest batch (remainders booked by reconciliation, events changed
// in place) the way ingestion does: the budget rollups and every IUsageWriteHook, in the caller's
// transaction.
internal sealed class UsageRollups(Database db, UsageStore store, IEnumerable<IUsageWriteHook> hooks)
{
    // Usage bound to a PR after it was stored (GitHub's late correlation): the rows `unbound` selects
    // are read, `bind` (the same filter) sets their PR, and they are rolled out without it and in with
    // it, so every rollup stays what a rebuild from usage_events makes. Returns how many were bound.
    public async Task<int> BindPrAsync(
        DbConnection c, DbTransaction tx, SqlStatement unbound, SqlStatement bind, object args, int pr, long nowMs, CancellationToken ct)
    {
        var before = (await c.QueryAsync<StoredUsage>(new CommandDefinition(db.Sql(unbound), args, tx, cancellationToken: ct)))
            .Select(s => s.ToPriced()).ToList();
        if (before.Count == 0)
        {
            return 0;
        }
        var bound = await c.ExecuteAsync(new CommandDefinition(db.Sql(bind), args, tx, cancellationToken: ct));
        if (bound != before.Count)
        {
            throw new InvalidOperationException($"{bind.Name} bound {bound} events where {unbound.Name} read {before.Count}");
        }
        await BoundAsync(c, tx, before, pr, nowMs, ct);
        return bound;
    }

    // Events already in hand (as they were rolled up) that have just been given a PR.
    public Task BoundAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> unbound, int pr, long nowMs, CancellationToken ct) =>
        RevisedAsync(c, tx, unbound.Select(p => new UsageRevision(p, p with { Event = p.Event with { Pr = pr } })).ToList(), nowMs, ct);

    public async Task InsertedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PricedUsage> inserted, long nowMs, CancellationToken ct)
    {
        await store.ApplyRollupsAsync(c, tx, inserted.SelectMany(UsageIngestor.Deltas));
        foreach (var hook in hooks)
        {
            await hook.OnInsertedAsync(c, tx, inserted, nowMs, ct);
        }
    }

    public async Task RevisedAsync(DbConnection c, DbTransaction tx, IReadOnlyList<UsageRevision> revised, long nowMs, CancellationToken ct)
    {
        if (revised.Count == 0)
        {
            return;
        }
        await store.ApplyRollupsAsync(c, tx, revised.SelectMany(Deltas));
        foreach (var hook in hooks)
        {
            await hook.OnRevisedAsync(c, tx, revised, nowMs, ct);
        }
    }

    internal static IEnumerable<RollupDelta> Deltas(UsageRevision r) =>
        UsageIngestor.Deltas(r.Before).Select(d => d with { CostMicros = -d.CostMicros, Events = -d.Events, UnpricedEvents = -d.UnpricedEvents })
            .Concat(UsageIngestor.Deltas(r.After));
}
