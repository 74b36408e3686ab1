using Octokit.Webhooks;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.Installation;
using Octokit.Webhooks.Events.InstallationRepositories;
using Octokit.Webhooks.Events.PullRequest;
using Octokit.Webhooks.Events.WorkflowJob;
using Octokit.Webhooks.Events.WorkflowRun;

namespace BudgetBot.GitHub;

// The library's own type switch routes a parsed delivery to these overrides. One dispatcher per
// delivery: it collects the PRs the delivery touched so the caller can announce them after commit.
// Events without an override (push, check_suite, issue_comment, …) are accepted and ignored.
internal sealed partial class GitHubEventDispatcher(
    PullRequestHandler pullRequests,
    WorkflowRunHandler runs,
    WorkflowJobHandler jobs,
    InstallationHandler installations,
    ILogger logger) : WebhookEventProcessor
{
    public List<PullRequestChange> Changes { get; } = [];

    protected override async ValueTask ProcessPullRequestWebhookAsync(
        WebhookHeaders headers, PullRequestEvent pullRequestEvent, PullRequestAction action, CancellationToken cancellationToken = default) =>
        Changes.Add(await pullRequests.HandleAsync(pullRequestEvent, action, cancellationToken));

    protected override async ValueTask ProcessWorkflowRunWebhookAsync(
        WebhookHeaders headers, WorkflowRunEvent workflowRunEvent, WorkflowRunAction action, CancellationToken cancellationToken = default) =>
        Changes.AddRange(await runs.HandleAsync(workflowRunEvent, cancellationToken));

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

    protected override ValueTask ProcessPingWebhookAsync(WebhookHeaders headers, PingEvent pingEvent, CancellationToken cancellationToken = default)
    {
        LogPing(logger, headers.HookId, headers.Delivery);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "GitHub ping for hook {HookId} (delivery {Delivery})")]
    private static partial void LogPing(ILogger logger, string? hookId, string? delivery);
}
