using System.Text.Json.Nodes;

namespace BudgetBot.Slack;

// Button clicks and modal submissions. Approve decides at once; Deny first checks the clicker may
// decide, then opens the reason modal (views.open through the outbox with an immediate Notify, well
// inside the trigger's 3 seconds); the submission decides. Refusals are told ephemerally.
internal sealed class SlackInteractions(ApprovalService approvals, SlackOutboxWriter slack)
{
    // Null: an empty 200 (Slack closes a modal or just acknowledges the click).
    public async Task<JsonObject?> HandleAsync(JsonObject payload, CancellationToken ct)
    {
        var type = SlackText.At(payload, "type");
        var user = SlackText.At(payload, "user", "id") ?? "";
        if (type == "block_actions" && payload["actions"] is JsonArray { Count: > 0 } actions && actions[0] is JsonObject action)
        {
            var id = BudgetRequestRow.ParseDisplayId(SlackText.At(action, "value"));
            var channel = SlackText.At(payload, "container", "channel_id") ?? SlackText.At(payload, "channel", "id");
            var ts = SlackText.At(payload, "container", "message_ts");
            var actionId = SlackText.At(action, "action_id");
            if (id is null || actionId is not (RequestCards.ApproveAction or RequestCards.DenyAction))
            {
                return null;
            }
            var result = actionId == RequestCards.ApproveAction
                ? await approvals.DecideAsync(id.Value, user, approve: true, null, channel, ts, ct)
                : await approvals.PreviewAsync(id.Value, user, ct);
            if (result.Outcome != DecisionOutcome.Decided)
            {
                await TellAsync(channel, user, result.Message, ct);
            }
            else if (actionId == RequestCards.DenyAction && SlackText.At(payload, "trigger_id") is { } trigger)
            {
                var view = RequestCards.DenyModal(result.Request!);
                view["private_metadata"] = string.Join('|', result.Request!.DisplayId, channel ?? "", ts ?? "");
                await slack.EnqueueAsync("views.open", "slack:view:" + trigger, new JsonObject { ["trigger_id"] = trigger, ["view"] = view }, ct);
                slack.Notify();
            }
            return null;
        }
        if (type == "view_submission" && payload["view"] is JsonObject view2 && SlackText.At(view2, "callback_id") == RequestCards.DenyModalCallback)
        {
            var reason = SlackText.At(view2, "state", "values", RequestCards.DenyReasonBlock, RequestCards.DenyReasonAction, "value");
            if (string.IsNullOrWhiteSpace(reason))
            {
                return Errors("Say why, so the requester knows what to change.");
            }
            var meta = (SlackText.At(view2, "private_metadata") ?? "").Split('|');
            if (BudgetRequestRow.ParseDisplayId(meta[0]) is not { } id)
            {
                return Errors("This form no longer matches a request.");
            }
            var result = await approvals.DecideAsync(id, user, approve: false, reason.Trim(), NullIfEmpty(meta, 1), NullIfEmpty(meta, 2), ct);
            return result.Outcome == DecisionOutcome.Decided ? null : Errors(result.Message);
        }
        return null;
    }

    private async Task TellAsync(string? channel, string user, string text, CancellationToken ct)
    {
        if (channel is null || user.Length == 0)
        {
            return;
        }
        await slack.EnqueueAsync("chat.postEphemeral", "slack:ephemeral:" + user, new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = text }, ct);
        slack.Notify();
    }

    private static JsonObject Errors(string message) => new()
    {
        ["response_action"] = "errors",
        ["errors"] = new JsonObject { [RequestCards.DenyReasonBlock] = SlackText.Truncate(message, 150) },
    };

    private static string? NullIfEmpty(string[] parts, int i) => parts.Length > i && parts[i].Length > 0 ? parts[i] : null;
}
