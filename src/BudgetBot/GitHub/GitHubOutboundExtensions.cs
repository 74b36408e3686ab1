using BudgetBot.Outbox;
using BudgetBot.Usage;

namespace BudgetBot.GitHub;

internal static class GitHubOutboundExtensions
{
    // The outbound half of the GitHub App: App auth, the outbox sender for comments and check runs,
    // and the refresh scheduling that feeds it.
    public static IHostApplicationBuilder AddGitHubOutbound(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GitHubOptions>().BindConfiguration("GitHub");
        services.AddHttpClient(GitHubHttp.HttpClientName, GitHubHttp.Configure);
        services.AddSingleton<GitHubHttp>();
        services.AddSingleton<GitHubAppCredentials>();
        services.AddSingleton<InstallationTokens>();
        services.AddSingleton<GitHubApi>();
        services.AddSingleton<GitHubWriteState>();
        services.AddSingleton<PrSpendReader>();
        services.AddSingleton<PrCommentModes>();
        services.AddSingleton<PrCommentWriter>();
        services.AddSingleton<CheckRunWriter>();
        services.AddSingleton<IOutboxSender, GitHubSender>();
        services.AddSingleton<PullRequestRefresher>();
        services.AddSingleton<IPullRequestChanges>(sp => sp.GetRequiredService<PullRequestRefresher>());
        return builder;
    }
}
