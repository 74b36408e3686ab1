using BudgetBot.Storage;

namespace BudgetBot.GitHub;

// `budgetbot inbox replay [--delivery ID] [--include-unparsed]`: gives poison deliveries (and unparsed
// ones on request) a fresh set of attempts, or one delivery whatever its state; the running service's
// worker picks them up.
internal static class InboxReplayCommand
{
    public static async Task<int> RunAsync(string? deliveryId, bool includeUnparsed, string[] configArgs, TextWriter stdout)
    {
        await using var app = Program.BuildApp(configArgs);
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(TimeProvider.System);
        var requeued = await app.Services.GetRequiredService<InboxStore>().RequeueAsync(deliveryId, CancellationToken.None, includeUnparsed);
        await stdout.WriteLineAsync(deliveryId is null
            ? $"requeued {requeued} poison{(includeUnparsed ? " or unparsed" : "")} delivery(ies)"
            : $"requeued {requeued} delivery(ies) with id {deliveryId}");
        return 0;
    }
}
