using System.Collections.Concurrent;
using BudgetBot.GitHub;

namespace BudgetBot.Tests.GitHub;

// Stands in for the inbound half's correlation index.
internal sealed class FakePullRequestDirectory : IPullRequestDirectory
{
    public ConcurrentDictionary<(string Repo, int Number), PullRequest> Pulls { get; } = new();

    public void Add(string repo, int number, string headSha, bool merged = false, long? installationId = 99) =>
        Pulls[(repo, number)] = new PullRequest(repo, number, installationId, headSha, "feature/x", repo, "main", merged ? "closed" : "open", merged,
            merged ? TestAppStart.ToUnixTimeMilliseconds() : null, $"PR {number}", "octocat", TestAppStart.ToUnixTimeMilliseconds());

    public Task<PullRequest?> FindAsync(string repo, int number, CancellationToken ct) =>
        Task.FromResult(Pulls.TryGetValue((repo, number), out var pr) ? pr : null);

    public Task<long?> InstallationForAsync(string repo, CancellationToken ct) =>
        Task.FromResult(Pulls.Values.FirstOrDefault(p => p.Repo == repo)?.InstallationId);

    private static DateTimeOffset TestAppStart => Infrastructure.TestApp.Start;
}
