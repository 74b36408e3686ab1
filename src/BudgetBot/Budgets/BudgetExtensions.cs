using BudgetBot.Preflight;

namespace BudgetBot.Budgets;

internal static class BudgetExtensions
{
    public static IHostApplicationBuilder AddBudgets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IBudgetSource, PolicyBudgetSource>();
        builder.Services.AddSingleton<BudgetLedger>();
        builder.Services.AddSingleton<BudgetStatusService>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<GrantStore>();
        builder.Services.AddOptions<PreflightOptions>().BindConfiguration("Preflight");
        builder.Services.AddSingleton<PreflightService>();
        return builder;
    }
}
