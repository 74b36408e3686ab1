using BudgetBot.Scheduling;
using BudgetBot.Usage;

namespace BudgetBot.Providers;

internal static class ProvidersExtensions
{
    public static IHostApplicationBuilder AddProviders(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ProvidersOptions>().BindConfiguration("Providers");
        services.AddOptions<ProviderApiOptions>(ProviderApiOptions.Anthropic).BindConfiguration("Providers:Anthropic");
        services.AddOptions<ProviderApiOptions>(ProviderApiOptions.OpenAi).BindConfiguration("Providers:OpenAI");
        services.AddHttpClient<AnthropicReports>();
        services.AddHttpClient<OpenAiReports>();
        services.AddSingleton<ReconciliationStore>();
        services.AddSingleton<RemainderEvents>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<IUsageEffect, LateUsageReconciler>();
        // Transient, like the typed clients they hold, so each run gets a fresh handler from the factory.
        services.AddTransient<IScheduledJob, ProviderPollJob<AnthropicReports>>();
        services.AddTransient<IScheduledJob, ProviderPollJob<OpenAiReports>>();
        return builder;
    }
}
