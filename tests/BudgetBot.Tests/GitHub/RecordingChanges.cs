using System.Collections.Concurrent;
using BudgetBot.GitHub;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.GitHub;

// Records what the inbox announces; can be told to fail, to drive a delivery into poison.
internal sealed class RecordingChanges : IPullRequestChanges
{
    public ConcurrentQueue<(string Repo, int Number, string Reason)> Seen { get; } = new();

    public bool Fail { get; set; }

    public Task PullRequestChangedAsync(string repo, int number, string reason, CancellationToken ct)
    {
        if (Fail)
        {
            throw new InvalidOperationException("listener is down");
        }
        Seen.Enqueue((repo, number, reason));
        return Task.CompletedTask;
    }
}

internal static class RecordingChangesExtensions
{
    public static IServiceCollection AddSingletonChanges(this IServiceCollection services, RecordingChanges changes) =>
        services.AddSingleton<IPullRequestChanges>(changes);
}
