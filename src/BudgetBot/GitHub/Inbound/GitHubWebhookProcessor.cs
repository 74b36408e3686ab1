using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.CheckRun;
using Octokit.Webhooks.Events.IssueComment;
using Octokit.Webhooks.Events.Installation;
using Octokit.Webhooks.Events.InstallationRepositories;
using Octokit.Webhooks.Events.PullRequest;
using Octokit.Webhooks.Events.WorkflowJob;
using Octokit.Webhooks.Events.WorkflowRun;

namespace BudgetBot.GitHub;

// The one processor of GitHub deliveries, in two steps. In the request, Octokit.Webhooks.AspNetCore
// calls the string overload once content type, event header and signature have passed: the delivery
// is stored raw and acknowledged, so an action the library does not know yet cannot turn into a 500
// and GitHub's 10-second budget is spent on one insert. Later the InboxWorker hands the stored
// delivery to ProcessStoredAsync: the library parses it and its own type switch calls the overrides
// below. Events without an override (push, check_suite, …) are accepted and ignored.
// Scoped: one instance per request or per stored delivery, so `retried` belongs to one delivery.
internal sealed partial class GitHubWebhookProcessor(
    InboxStore store,
    InboxWorker worker,
    PullRequestHandler pullRequests,
    WorkflowRunHandler runs,
    WorkflowJobHandler jobs,
    InstallationHandler installations,
    PrCommentCommands commands,
    CheckRunActions checkActions,
    PullRequestRefresh refresh,
    ILogger<GitHubWebhookProcessor> logger) : WebhookEventProcessor
{
    private bool retried;

    public override async ValueTask ProcessWebhookAsync(IDictionary<string, StringValues> headers, string body, CancellationToken cancellationToken = default)
    {
        var parsed = WebhookHeaders.Parse(headers);
        // WebhookAcknowledgement refuses deliveries without an id before the library runs.
        var delivery = parsed.Delivery ?? throw new InvalidOperationException("X-GitHub-Delivery is missing.");
        if (await store.AddAsync(delivery, parsed.Event ?? "", parsed.HookInstallationTargetId, body, cancellationToken))
        {
            LogStored(logger, delivery, parsed.Event);
            worker.Notify();
        }
        else
        {
            LogRedelivery(logger, delivery, parsed.Event);
        }
    }

    // A payload that can never be handled ends at once: an unknown action of a handled event is
    // ignored; a payload lacking what BudgetBot needs, or one the library cannot read even with the
    // fields it demands and BudgetBot does not use filled in, is unparsed (only a newer library, then
    // `inbox replay --include-unparsed`, can read it). A delivery that failed before re-announces
    // every PR it touches, since an earlier attempt may have failed after its commit but before its
    // announcements.
    public async Task<DeliveryOutcome> ProcessStoredAsync(InboxDelivery delivery, CancellationToken ct)
    {
        retried = delivery.LastError is not null;
        var action = ActionOf(delivery.Body);
        if (DeliveryShape.UnhandledAction(delivery.Event, action) is { } unhandled)
        {
            return new DeliveryOutcome(action, DeliveryOutcome.Ignored, unhandled);
        }
        var headers = new WebhookHeaders { Event = delivery.Event, Delivery = delivery.DeliveryId, HookInstallationTargetId = delivery.HookTargetId };
        WebhookEvent parsed;
        try
        {
            if (Shape(delivery.Event, delivery.Body) is { } missing)
            {
                return new DeliveryOutcome(action, DeliveryOutcome.Unparsed, missing);
            }
            parsed = Deserialize(headers, delivery.Body);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // Reading the payload failed, and reading it again will fail the same way.
            return new DeliveryOutcome(action, DeliveryOutcome.Unparsed, e.Message);
        }
        await ProcessWebhookAsync(headers, parsed, ct);
        return new DeliveryOutcome(parsed.Action);
    }

    private static string? Shape(string eventName, string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.ValueKind == JsonValueKind.Object ? DeliveryShape.Missing(eventName, doc.RootElement) : "the payload is not a JSON object";
    }

    // The typed model, with each required field the payload lacks set to null (RequiredFieldFill); a
    // handful of rounds covers nested objects, each round naming the fields of one.
    private WebhookEvent Deserialize(WebhookHeaders headers, string body)
    {
        for (var round = 0; ; round++)
        {
            try
            {
                return DeserializeWebhookEvent(headers, body);
            }
            catch (JsonException e) when (round < 8 && RequiredFieldFill.Fill(body, e) is { } filled)
            {
                body = filled;
            }
        }
    }

    protected override async ValueTask ProcessPullRequestWebhookAsync(
        WebhookHeaders headers, PullRequestEvent pullRequestEvent, PullRequestAction action, CancellationToken cancellationToken = default) =>
        await AnnounceAsync([await pullRequests.HandleAsync(pullRequestEvent, action, cancellationToken)], cancellationToken);

    protected override async ValueTask ProcessWorkflowRunWebhookAsync(
        WebhookHeaders headers, WorkflowRunEvent workflowRunEvent, WorkflowRunAction action, CancellationToken cancellationToken = default) =>
        await AnnounceAsync(await runs.HandleAsync(workflowRunEvent, cancellationToken), cancellationToken);

    protected override async ValueTask ProcessWorkflowJobWebhookAsync(
        WebhookHeaders headers, WorkflowJobEvent workflowJobEvent, WorkflowJobAction action, CancellationToken cancellationToken = default) =>
        await jobs.HandleAsync(workflowJobEvent, cancellationToken);

    protected override async ValueTask ProcessInstallationWebhookAsync(
        WebhookHeaders headers, InstallationEvent installationEvent, InstallationAction action, CancellationToken cancellationToken = default) =>
        await installations.HandleInstallationAsync(installationEvent, action, cancellationToken);

    protected override async ValueTask ProcessInstallationRepositoriesWebhookAsync(
        WebhookHeaders headers, InstallationRepositoriesEvent installationRepositoriesEvent, InstallationRepositoriesAction action,
        CancellationToken cancellationToken = default) =>
        await installations.HandleRepositoriesAsync(installationRepositoriesEvent, cancellationToken);

    protected override async ValueTask ProcessIssueCommentWebhookAsync(
        WebhookHeaders headers, IssueCommentEvent issueCommentEvent, IssueCommentAction action, CancellationToken cancellationToken = default) =>
        await commands.HandleAsync(issueCommentEvent, cancellationToken);

    protected override async ValueTask ProcessCheckRunWebhookAsync(
        WebhookHeaders headers, CheckRunEvent checkRunEvent, CheckRunAction action, CancellationToken cancellationToken = default) =>
        await checkActions.HandleAsync(checkRunEvent, headers.Delivery, cancellationToken);

    protected override ValueTask ProcessPingWebhookAsync(WebhookHeaders headers, PingEvent pingEvent, CancellationToken cancellationToken = default)
    {
        LogPing(logger, headers.HookId, headers.Delivery);
        return ValueTask.CompletedTask;
    }

    // The action, for the inbox row, even when the library cannot read the rest. Never throws: a
    // body that is not JSON, or an action that cannot be read as a string (a lone UTF-16 surrogate
    // makes GetString throw InvalidOperationException), has no action to show.
    public static string? ActionOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("action", out var a)
                && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // The row keeps its body and its error; the action column stays empty.
            return null;
        }
    }

    private Task AnnounceAsync(IEnumerable<PullRequestChange> changes, CancellationToken ct) =>
        refresh.PullRequestsChangedAsync(changes.Where(c => c.Changed || retried), ct);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "GitHub delivery {Delivery} ({Event}) stored")]
    private static partial void LogStored(ILogger logger, string delivery, string? @event);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "GitHub delivery {Delivery} ({Event}) was already stored; redelivery ignored")]
    private static partial void LogRedelivery(ILogger logger, string delivery, string? @event);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "GitHub ping for hook {HookId} (delivery {Delivery})")]
    private static partial void LogPing(ILogger logger, string? hookId, string? delivery);
}
