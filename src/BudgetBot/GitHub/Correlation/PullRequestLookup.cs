using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using BudgetBot.Outbox;
using BudgetBot.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace BudgetBot.GitHub;

// Issue 15, item 1: BudgetBot writes only to PRs it learned from a webhook, or verified through the
// API. A PR that usage names and no webhook announced is looked up once (GET /repos/{o}/{r}/pulls/{n})
// with the token of the installation that covers its repository; a repository no installation we
// know covers gets no request at all. A PR found is stored in the correlation index as its webhook
// would store it, so later sends find it there; a 404 (an issue number, or no such PR) is remembered
// for NotFoundFor, so repeated usage sends no second request. At most GitHub:PullRequestLookupsPerMinute
// lookups a minute per instance: an ingest token chooses the numbers, so it must not choose our rate.
internal sealed partial class PullRequestLookup(
    Database db,
    GitHubApi api,
    PullRequestHandler pulls,
    IOptions<GitHubOptions> options,
    TimeProvider clock,
    ILogger<PullRequestLookup> logger)
{
    internal const string Unannounced = "pull request not announced by GitHub yet; the comment waits for it";
    internal static readonly TimeSpan NotFoundFor = TimeSpan.FromHours(1);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string Repo, int Number), DateTimeOffset> notFound = new();
    private readonly Queue<DateTimeOffset> recent = new();
    private readonly Lock gate = new();

    // Covered: an installation or installation_repositories webhook named the repository, still active.
    internal static readonly SqlStatement CoveringInstallation = new(
        "PullRequestLookup.CoveringInstallation",
        "SELECT MAX(installation_id) FROM github_repositories WHERE repo = @Repo AND active = 1;");

    // The PR as GitHub describes it, now in the index; else why the write does not happen now.
    public async Task<(PullRequest? Pr, OutboxResult? NotNow)> FindAsync(string repo, int number, bool live, CancellationToken ct)
    {
        repo = repo.ToLowerInvariant();
        var now = clock.GetUtcNow();
        if (notFound.TryGetValue((repo, number), out var until) && until > now)
        {
            return (null, OutboxResult.Skip($"{repo}#{number} is not a pull request (looked up; asked again after {until.ToString("O", CultureInfo.InvariantCulture)})"));
        }
        var installation = live
            ? await db.ReadAsync(c => c.ExecuteScalarAsync<long?>(db.Sql(CoveringInstallation), new { Repo = repo }), ct)
            : null;
        if (installation is not { } id)
        {
            return (null, OutboxResult.Skip(Unannounced));
        }
        if (Take(now) is { } wait)
        {
            return (null, OutboxResult.Wait($"pull request lookups are limited to {options.Value.PullRequestLookupsPerMinute} a minute", wait));
        }
        var r = await api.SendAsync(id, HttpMethod.Get, $"repos/{repo}/pulls/{number}", null, ct);
        if (r.Status == 404 || (r.IsSuccess && Read(r.Body, repo, number, id) is null))
        {
            notFound[(repo, number)] = now + NotFoundFor;
            LogNotAPullRequest(logger, repo, number, r.Status);
            return (null, OutboxResult.Skip($"{repo}#{number} is not a pull request (GitHub answered {r.Status})"));
        }
        if (!r.IsSuccess)
        {
            return (null, GitHubErrors.Classify(r, now, "pull request lookup"));
        }
        var pr = Read(r.Body, repo, number, id)!;
        await pulls.StoreAsync(pr, [pr.HeadSha], pr.State == "open" ? "opened" : "closed", ct);
        LogVerified(logger, repo, number, id);
        return (pr, null);
    }

    // Null when there is a lookup left in this minute; else how long until there is.
    private TimeSpan? Take(DateTimeOffset now)
    {
        lock (gate)
        {
            while (recent.Count > 0 && recent.Peek() <= now - Window)
            {
                recent.Dequeue();
            }
            if (recent.Count >= options.Value.PullRequestLookupsPerMinute)
            {
                return recent.Peek() + Window - now;
            }
            recent.Enqueue(now);
            return null;
        }
    }

    // What the index keeps of a PR, from GitHub's answer; null unless it is this repository's PR.
    private static PullRequest? Read(JsonElement body, string repo, int number, long installation)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("number", out var n) || !n.TryGetInt32(out var got) || got != number
            || Text(body, "base", "repo", "full_name") is not { } baseRepo || !string.Equals(baseRepo, repo, StringComparison.OrdinalIgnoreCase)
            || Text(body, "head", "sha") is not { Length: > 0 } sha)
        {
            return null;
        }
        var mergedAt = Text(body, "merged_at") is { } m ? DateTimeOffset.Parse(m, CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
        var merged = (body.TryGetProperty("merged", out var mm) && mm.ValueKind == JsonValueKind.True) || mergedAt is not null;
        var updated = Text(body, "updated_at") is { } u ? DateTimeOffset.Parse(u, CultureInfo.InvariantCulture) : DateTimeOffset.UnixEpoch;
        return new PullRequest(
            repo, number, installation, sha, Text(body, "head", "ref") ?? "", Text(body, "head", "repo", "full_name")?.ToLowerInvariant(),
            Text(body, "base", "ref") ?? "", Text(body, "state") ?? "open", merged, mergedAt?.ToUnixTimeMilliseconds(), Text(body, "title"),
            Text(body, "user", "login"), updated.ToUnixTimeMilliseconds());
    }

    private static string? Text(JsonElement e, params string[] path)
    {
        foreach (var name in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
            {
                return null;
            }
        }
        return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }

    [LoggerMessage(EventId = 17001, Level = LogLevel.Information, Message = "Usage named {Repo}#{Number}, which no webhook announced: verified through the API as a pull request of installation {Installation}")]
    private static partial void LogVerified(ILogger logger, string repo, int number, long installation);

    [LoggerMessage(EventId = 17002, Level = LogLevel.Warning, Message = "Usage named {Repo}#{Number}, which is not a pull request of that repository (GitHub answered {Status}); nothing is written to it")]
    private static partial void LogNotAPullRequest(ILogger logger, string repo, int number, int status);
}
