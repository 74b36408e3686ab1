using System.Text.Json;
using BudgetBot.Inbox;
using Octokit.Webhooks;

namespace BudgetBot.GitHub;

// Turns one stored delivery into state: parse with the library, dispatch through its processor,
// then tell the PR listeners. A payload the library cannot parse is reported, not retried: only a
// newer library (then `inbox replay`) can read it.
internal sealed class GitHubEvents(
    PullRequestHandler pullRequests,
    WorkflowRunHandler runs,
    WorkflowJobHandler jobs,
    InstallationHandler installations,
    PullRequestNotifier notifier,
    ILogger<GitHubEvents> logger)
{
    public async Task<DeliveryOutcome> HandleAsync(InboxDelivery delivery, CancellationToken ct)
    {
        var headers = new WebhookHeaders { Event = delivery.Event, Delivery = delivery.DeliveryId, HookInstallationTargetId = delivery.HookTargetId };
        var dispatcher = new GitHubEventDispatcher(pullRequests, runs, jobs, installations, logger);
        WebhookEvent parsed;
        try
        {
            parsed = dispatcher.DeserializeWebhookEvent(headers, delivery.Body);
        }
        catch (JsonException e)
        {
            return new DeliveryOutcome(ActionOf(delivery.Body), e.Message);
        }
        await dispatcher.ProcessWebhookAsync(headers, parsed, ct);
        await notifier.NotifyAsync(dispatcher.Changes.Where(c => c.Changed || delivery.LastError is not null), ct);
        return new DeliveryOutcome(parsed.Action);
    }

    // The action, for the inbox row, even when the library cannot read the rest.
    public static string? ActionOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("action", out var a)
                && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        }
        catch (JsonException)
        {
            // Not JSON at all: the row keeps its body and error; there is no action to show.
            return null;
        }
    }
}
