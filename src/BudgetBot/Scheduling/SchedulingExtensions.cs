namespace BudgetBot.Scheduling;

internal static class SchedulingExtensions
{
    // Features add jobs with services.AddSingleton<IScheduledJob, TheirJob>() (or scoped); the one
    // scheduler finds them all.
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration("Scheduling");
        builder.Services.AddSingleton<JobRunStore>();
        builder.Services.AddSingleton<Scheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Scheduler>());
        return builder;
    }
}

// Scheduling:Enabled=false stops the hosted loop (tests that drive RunDueAsync themselves, or an
// instance that should only serve HTTP); jobs stay registered and RunDueAsync still works.
internal sealed class SchedulingOptions
{
    public bool Enabled { get; set; } = true;
}
