namespace BudgetBot.Budgets;

internal static class BudgetExtensions
{
    public static IHostApplicationBuilder AddBudgets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IBudgetSource, PolicyBudgetSource>();
        builder.Services.AddSingleton<ExperimentStore>();
        builder.Services.AddSingleton<IBudgetSource>(sp => sp.GetRequiredService<ExperimentStore>());
        builder.Services.AddSingleton<BudgetLedger>();
        builder.Services.AddSingleton<BudgetStatusService>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<GrantStore>();
        return builder;
    }
}
