using System.Data.Common;
using BudgetBot.Budgets;
using BudgetBot.Outbox;

namespace BudgetBot.GitHub;

// When a request a PR filed is decided or expires (in the deciding transaction): the PR gets a
// reply ("BR-3 approved by @lead: +$300.00 on `platform` until Apr 1.") and its check is queued to
// run again, and the requester may ask again on that PR. Requests filed in Slack have no row here.
internal sealed class PrRequestOutcomes(PrCommandStore store, OutboxStore outbox, IPolicyProvider policy, TimeProvider clock) : IRequestOutcomes
{
    public async Task DecidedAsync(DbConnection c, DbTransaction tx, RequestOutcome outcome, CancellationToken ct)
    {
        var links = await store.ForRequestAsync(c, tx, outcome.RequestId);
        if (links.Count == 0)
        {
            return;
        }
        await store.CloseAsync(c, tx, outcome.RequestId);
        var p = policy.Current;
        var now = clock.GetUtcNow();
        var decider = outcome.DecidedBy is { } by ? PrPeople.Name(p, by) : null;
        foreach (var link in links)
        {
            await outbox.EnqueueAsync(c, tx, PrChat.Reply(link.Repo, link.Pr, PrReplies.Decided(link.Login, outcome, decider, p.TimeZone), now));
            if (outcome.State == "approved")
            {
                await outbox.EnqueueAsync(c, tx, GitHubOutbox.Check(link.Repo, link.Pr, now));
            }
        }
    }
}
