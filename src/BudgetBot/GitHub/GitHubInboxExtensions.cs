using BudgetBot.Inbox;
using BudgetBot.Usage;
using Microsoft.Extensions.Options;
using Octokit.Webhooks;

namespace BudgetBot.GitHub;

internal static class GitHubInboxExtensions
{
    public static IHostApplicationBuilder AddGitHubInbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GitHubOptions>().BindConfiguration("GitHub").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>();
        builder.Services.AddSingleton<InboxStore>();
        builder.Services.AddSingleton<IMergedPullRequests, MergedPullRequests>();
        builder.Services.AddSingleton<InboxWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        builder.Services.AddSingleton<WebhookEventProcessor, InboxWebhookProcessor>();
        builder.Services.AddSingleton<PullRequestHandler>();
        builder.Services.AddSingleton<WorkflowRunHandler>();
        builder.Services.AddSingleton<WorkflowJobHandler>();
        builder.Services.AddSingleton<InstallationHandler>();
        builder.Services.AddSingleton<PullRequestNotifier>();
        builder.Services.AddSingleton<GitHubEvents>();
        builder.Services.AddSingleton<IUsageObserver, UsageAttribution>();
        builder.Services.AddSingleton<IPullRequestDirectory, PullRequestDirectory>();
        return builder;
    }

    // Without GitHub configured the library is not mapped at all: with no secret it would accept
    // unsigned deliveries. Reading the options here also refuses a half configuration at once.
    public static IEndpointRouteBuilder MapGitHubInbox(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<GitHubOptions>>().Value;
        if (options.IsConfigured)
        {
            WebhookAcknowledgement.MapAcknowledged(app, options.WebhookSecret!);
        }
        else
        {
            WebhookAcknowledgement.MapUnconfigured(app);
        }
        return app;
    }
}
