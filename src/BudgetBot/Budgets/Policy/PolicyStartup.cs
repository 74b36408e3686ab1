using Microsoft.Extensions.Hosting;

namespace BudgetBot.Budgets;

// Resolving the store loads the file. Doing it in StartingAsync, which runs before any hosted service
// starts and before Kestrel listens, makes a bad policy stop start-up instead of the first request.
internal sealed class PolicyStartup(PolicyStore store) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = store.Current;
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
