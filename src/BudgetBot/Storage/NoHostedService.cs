namespace BudgetBot.Storage;

// Stands in for a hosted service that the configured dialect does not need.
internal sealed class NoHostedService : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
