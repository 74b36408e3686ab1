namespace BudgetBot.Slack;

// The outbox contract for Slack: channel "slack", kind = the Web API method ("chat.postMessage",
// "chat.update", "chat.postEphemeral", "views.open", "conversations.open"), payload = the method's
// JSON arguments exactly as Slack takes them. Target is the coalescing/serialisation key, e.g.
// "slack:C0PLATFORM" for posts to a channel or "slack:card:BR-12" for one request card.
internal static class SlackOutbox
{
    public const string Channel = "slack";
}
