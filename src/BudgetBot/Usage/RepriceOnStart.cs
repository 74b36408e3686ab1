namespace BudgetBot.Usage;

// A new release may ship a catalog that knows models earlier events used.
internal sealed class RepriceOnStart(Repricer repricer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => repricer.RepriceAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
