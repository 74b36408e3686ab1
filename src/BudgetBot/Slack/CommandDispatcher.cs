using System.Text.Json.Nodes;
using BudgetBot.Budgets;

namespace BudgetBot.Slack;

// Acts on a parsed command. Everything here is local (database reads and one write): the answer
// fits in Slack's 3 seconds, and the card goes out through the outbox afterwards.
internal sealed class CommandDispatcher(
    RequestService requests,
    BudgetRequestStore store,
    BudgetStatusService budgets,
    TimeProvider clock)
{
    public async Task<JsonObject> DispatchAsync(BudgetCommand command, string user, string channel, CancellationToken ct) => command switch
    {
        HelpCommand => SlackReplies.Help(),
        ParseError e => SlackReplies.Error(e),
        StatusCommand s => SlackReplies.Status(Filter(await budgets.AllAsync(ct), s.Target), s.Target),
        ListRequestsCommand => SlackReplies.Requests(await store.PendingAsync(clock.GetUtcNow(), ct)),
        RequestCommand r => SlackReplies.Ephemeral(await requests.RequestAsync(r, user, channel, ct)),
        ExperimentCommand e => SlackReplies.Ephemeral(await requests.ExperimentAsync(e, user, channel, ct)),
        _ => SlackReplies.Help(),
    };

    private static List<BudgetStatus> Filter(IReadOnlyList<BudgetStatus> all, string? target) => target is null
        ? all.ToList()
        : all.Where(s => s.Id.Equals(target, StringComparison.OrdinalIgnoreCase) || s.Scope == BudgetScope.Team(target)).ToList();
}
