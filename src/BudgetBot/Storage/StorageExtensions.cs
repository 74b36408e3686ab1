using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BudgetBot.Storage;

internal static class StorageExtensions
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        // Read when first needed, so configuration added by a test host is seen.
        builder.Services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            var options = new StorageOptions
            {
                Provider = config["Storage:Provider"] ?? "sqlite",
                ConnectionString = config.GetConnectionString("BudgetBot") ?? "Data Source=budgetbot.db",
                SqlitePragmas = config["Storage:SqlitePragmas"] ?? "",
            };
            return options.Provider is "sqlite" or "sqlserver"
                ? options
                : throw new InvalidOperationException($"Storage:Provider must be 'sqlite' or 'sqlserver', not '{options.Provider}'.");
        });
        builder.Services.AddSingleton<Database>();
        builder.Services.AddSingleton<InstanceIdentity>();
        builder.Services.AddSingleton<StorageHealth>();
        builder.Services.AddSingleton<Migrator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<MigrateOnStart>();
        builder.Services.AddSingleton<SqliteCheckpointer>();
        builder.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<Database>().Dialect == SqlDialect.Sqlite
            ? sp.GetRequiredService<SqliteCheckpointer>()
            : (IHostedService)new NoHostedService());
        return builder;
    }
}

// Stands in for a hosted service that the configured dialect does not need.
internal sealed class NoHostedService : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
