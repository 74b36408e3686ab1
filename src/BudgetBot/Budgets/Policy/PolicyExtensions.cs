using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BudgetBot.Budgets;

internal static class PolicyExtensions
{
    public static IHostApplicationBuilder AddPolicy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<PolicyOptions>>().Value;
            var path = ResolvePath(options.Path, Directory.GetCurrentDirectory(), contentRoot);
            var store = new PolicyStore(
                path,
                TimeSpan.FromSeconds(options.ReloadSeconds),
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<PolicyStore>>());
            store.Load();
            return store;
        });
        builder.Services.AddSingleton<IPolicyProvider>(services => services.GetRequiredService<PolicyStore>());
        builder.Services.AddHostedService<PolicyStartup>();
        return builder;
    }

    // The current directory first: `dotnet run` runs where the user typed it (RunWorkingDirectory), so
    // from the repository root it reads and watches the root file the user edits. The build copies no
    // policy into bin/, so there is no stale copy to find instead.
    internal static string ResolvePath(string path, params string[] roots)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var candidates = roots.Select(root => Path.GetFullPath(path, root)).Distinct().ToList();
        return candidates.FirstOrDefault(File.Exists) ?? throw PolicyException.NotFound(path, candidates);
    }
}
