using BudgetBot.Budgets;
using BudgetBot.Outbox;
using BudgetBot.Usage;
using Microsoft.Extensions.Options;
using Octokit.Webhooks;

namespace BudgetBot.GitHub;

internal static class GitHubExtensions
{
    // The GitHub App, by folder: App (options, auth, HTTP), Inbound (webhook inbox and its worker),
    // Correlation (PRs, runs, jobs, installations, usage attribution), Outbound (the refresh fan-out
    // and the outbox sender), Comment and Checks (what the sender writes), Commands (/budget in PR
    // comments and the check's "Request more budget" button).
    public static IHostApplicationBuilder AddGitHub(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GitHubOptions>().BindConfiguration("GitHub").ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>();
        services.AddHttpClient(GitHubHttp.HttpClientName, GitHubHttp.Configure);
        services.AddSingleton<GitHubHttp>();
        services.AddSingleton<GitHubAppCredentials>();
        services.AddSingleton<InstallationTokens>();
        services.AddSingleton<GitHubApi>();

        services.AddSingleton<InboxStore>();
        services.AddSingleton<InboxWorker>();
        services.AddSingleton<WebhookRefusals>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        services.AddScoped<GitHubWebhookProcessor>();
        services.AddScoped<WebhookEventProcessor>(sp => sp.GetRequiredService<GitHubWebhookProcessor>());

        services.AddSingleton<LateUsageBinding>();
        services.AddSingleton<PullRequestHandler>();
        services.AddSingleton<WorkflowRunHandler>();
        services.AddSingleton<WorkflowJobHandler>();
        services.AddSingleton<InstallationHandler>();
        services.AddSingleton<IUsageEffect, UsageAttribution>();
        services.AddSingleton<IPullRequestDirectory, PullRequestDirectory>();
        services.AddSingleton<PullRequestLookup>();
        services.AddSingleton<IMergedPullRequests, MergedPullRequests>();

        services.AddSingleton<PullRequestRefresh>();
        services.AddSingleton<IBudgetChanges>(sp => sp.GetRequiredService<PullRequestRefresh>());
        services.AddSingleton<GitHubWriteState>();
        services.AddSingleton<PrSpendReader>();
        services.AddSingleton<PrCommentModes>();
        services.AddSingleton<PrCommentWriter>();
        services.AddSingleton<CheckRunWriter>();
        services.AddSingleton<IOutboxSender, GitHubSender>();

        services.AddSingleton<PrCommandStore>();
        services.AddSingleton<PrCommandRunner>();
        services.AddSingleton<PrCommentCommands>();
        services.AddSingleton<CheckRunActions>();
        services.AddSingleton<RepoPermissions>();
        services.AddSingleton<PrChatWriter>();
        services.AddSingleton<IRequestOutcomes, PrRequestOutcomes>();
        return builder;
    }

    // Without GitHub configured the library is not mapped at all: with no secret it would accept
    // unsigned deliveries. Reading the options here also refuses a half configuration at once.
    public static IEndpointRouteBuilder MapGitHub(this IEndpointRouteBuilder app)
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
        return app.MapPulls();
    }
}
