namespace BudgetBot.Preflight;

internal static class PreflightExtensions
{
    public static IHostApplicationBuilder AddPreflight(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PreflightOptions>().BindConfiguration("Preflight");
        builder.Services.AddSingleton<PreflightService>();
        return builder;
    }
}
