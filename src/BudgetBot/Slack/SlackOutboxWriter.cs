using System.Data.Common;
using System.Text.Json.Nodes;
using BudgetBot.Outbox;

namespace BudgetBot.Slack;

// Queues Slack Web API calls as outbox rows inside the caller's transaction, so a decision and the
// messages about it commit together; Notify after commit wakes the sender at once.
internal sealed class SlackOutboxWriter(OutboxStore outbox, OutboxWorker worker, TimeProvider clock)
{
    public const string PostMessage = "chat.postMessage";

    public Task EnqueueAsync(DbConnection c, DbTransaction tx, string method, string target, JsonObject args) =>
        outbox.EnqueueAsync(c, tx, new OutboxEnqueue(SlackOutbox.Channel, method, target, args.ToJsonString(), clock.GetUtcNow(), Coalesce: false));

    public Task EnqueueAsync(string method, string target, JsonObject args, CancellationToken ct) =>
        outbox.EnqueueAsync(new OutboxEnqueue(SlackOutbox.Channel, method, target, args.ToJsonString(), clock.GetUtcNow(), Coalesce: false), ct);

    // A message for a channel, in that channel's queue: posts to one channel go one at a time, in order.
    public Task PostAsync(DbConnection c, DbTransaction tx, string channel, string postMessageJson) =>
        outbox.EnqueueAsync(c, tx, new OutboxEnqueue(SlackOutbox.Channel, PostMessage, ChannelTarget(channel), postMessageJson, clock.GetUtcNow(), Coalesce: false));

    public static string ChannelTarget(string channel) => "slack:" + channel;

    public void Notify() => worker.Notify();

    public static JsonObject With(JsonObject message, params (string Key, string Value)[] args)
    {
        var copy = (JsonObject)message.DeepClone();
        foreach (var (key, value) in args)
        {
            copy[key] = value;
        }
        return copy;
    }
}

// The outbox contract for Slack: channel "slack", kind = the Web API method ("chat.postMessage",
// "chat.update", "chat.postEphemeral", "views.open", "conversations.open"), payload = the method's
// JSON arguments exactly as Slack takes them. Target is the coalescing/serialisation key, e.g.
// "slack:C0PLATFORM" for posts to a channel or "slack:card:BR-12" for one request card.
internal static class SlackOutbox
{
    public const string Channel = "slack";
}
