namespace BudgetBot.Slack;

// Told the ts of a message once chat.postMessage succeeded, so a card can be chat.update'd later.
internal interface ISlackPostedObserver
{
    Task PostedAsync(string target, string channel, string ts, CancellationToken ct);
}
