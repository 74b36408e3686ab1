using BudgetBot.Budgets;
using BudgetBot.Outbox;
using BudgetBot.Scheduling;
using Microsoft.Extensions.Options;

namespace BudgetBot.Slack;

internal static class SlackExtensions
{
    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SlackOptions>().BindConfiguration("Slack").ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddHttpClient(SlackApiClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<ISlackApi, SlackApiClient>();
        services.AddSingleton<SlackChannelPacer>();
        services.AddSingleton<IOutboxSender, SlackOutboxSender>();
        services.AddSingleton<SlackOutboxWriter>();
        services.AddSingleton<BudgetRequestStore>();
        services.AddSingleton<IPendingRequests, PendingRequestsFromStore>();
        services.AddSingleton<ISlackPostedObserver>(sp => sp.GetRequiredService<BudgetRequestStore>());
        services.AddSingleton<RequestService>();
        services.AddSingleton<IBudgetRequests>(sp => sp.GetRequiredService<RequestService>());
        services.AddSingleton<ApprovalService>();
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<SlackInteractions>();
        services.AddSingleton<SlackRequestReader>();
        services.AddSingleton<SlackReplays>();
        services.AddSingleton<RequestExpiryJob>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<RequestExpiryJob>());
        return builder;
    }
}
