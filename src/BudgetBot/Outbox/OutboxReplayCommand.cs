using BudgetBot.Storage;

namespace BudgetBot.Outbox;

// `budgetbot outbox replay [--id ID]`: gives failed outbox messages a fresh set of attempts, or one
// message whatever its state; the running service's worker sends them.
internal static class OutboxReplayCommand
{
    public static async Task<int> RunAsync(string? id, string[] configArgs, TextWriter stdout, TextWriter stderr)
    {
        long? one = null;
        if (id is not null)
        {
            if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                await stderr.WriteLineAsync($"--id must be an outbox message id (a number), not \"{id}\"");
                return 2;
            }
            one = parsed;
        }
        await using var app = Program.BuildApp(configArgs);
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(TimeProvider.System);
        var requeued = await app.Services.GetRequiredService<OutboxStore>().RequeueAsync(one);
        await stdout.WriteLineAsync(one is null
            ? $"requeued {requeued} failed outbox message(s)"
            : $"requeued {requeued} outbox message(s) with id {one}");
        return 0;
    }
}
